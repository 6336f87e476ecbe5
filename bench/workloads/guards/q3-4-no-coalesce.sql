-- coalesce(..., '[]'::json) around both json_agg removed (changes the answer only for an empty list: null instead of [])
\set after 0
\set lim 100
\set after2 0
\set lim2 10
select convert_to(json_build_object('departments', (select json_agg(json_build_object('id', t1.id::text, 'name', t1.name, 'employees', (select json_agg(json_build_object('name', t2.name) order by t2.id) from (select employee_id from department_employee_link where department_id = t1.id and employee_id > :after2::int8 order by employee_id limit :lim2::int4) t2_k join employee t2 on t2.id = t2_k.employee_id)) order by t1.id) from (select * from department where id > :after::int8 order by id limit :lim::int4) t1))::text, 'UTF8');

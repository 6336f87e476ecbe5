-- all of 2-5 at once (json column, no after bounds, no coalesce, literal limits)
\set after 0
\set lim 100
\set after2 0
\set lim2 10
select json_build_object('departments', (select json_agg(json_build_object('id', t1.id::text, 'name', t1.name, 'employees', (select json_agg(json_build_object('name', t2.name) order by t2.id) from (select employee_id from department_employee_link where department_id = t1.id order by employee_id limit 10) t2_k join employee t2 on t2.id = t2_k.employee_id)) order by t1.id) from (select * from department order by id limit 100) t1));

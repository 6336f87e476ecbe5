-- coalesce(..., '[]'::json) around json_agg removed (changes the answer only for an empty list: null instead of [])
\set id random(1, 1000)
\set after 0
\set lim 50
select convert_to(json_build_object('department', (select json_build_object('id', t1.id::text, 'name', t1.name, 'employeeLinks', (select json_agg(json_build_object('extraData', t2.extra_data, 'employee', case when t3.id is null then null else json_build_object('id', t3.id::text, 'name', t3.name) end) order by t2.employee_id) from (select * from department_employee_link where department_id = t1.id and employee_id > :after::int8 order by employee_id limit :lim::int4) t2 left join employee t3 on t3.id = t2.employee_id)) from department t1 where t1.id = :id::int8))::text, 'UTF8');

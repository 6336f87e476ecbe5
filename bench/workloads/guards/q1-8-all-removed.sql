-- all of 2-7 removed at once (json column, no after bound, JOIN without null check, no coalesce, literal limit)
\set id random(1, 1000)
\set after 0
\set lim 50
select json_build_object('department', (select json_build_object('id', t1.id::text, 'name', t1.name, 'employeeLinks', (select json_agg(json_build_object('extraData', t2.extra_data, 'employee', json_build_object('id', t3.id::text, 'name', t3.name)) order by t2.employee_id) from (select * from department_employee_link where department_id = t1.id order by employee_id limit 50) t2 join employee t3 on t3.id = t2.employee_id)) from department t1 where t1.id = :id::int8));

-- all of 2, 4, 5, 7, 8 at once, literal limit 10 (json column, no page-limit check nor limit, no after bounds, JOINs, no coalesce)
\set id random(1, 100000)
\set after 0
\set lim 1001
\set after2 0
\set lim2 10
select json_build_object('employee', (select json_build_object('id', t1.id::text, 'name', t1.name, 'departmentLinks', (select json_agg(json_build_object('extraData', t2.extra_data, 'department', json_build_object('id', t3.id::text, 'name', t3.name, 'employeeLinks', (select json_agg(json_build_object('employee', json_build_object('name', t5.name)) order by t4.employee_id) from (select * from department_employee_link where department_id = t3.id order by employee_id limit 10) t4 join employee t5 on t5.id = t4.employee_id))) order by t2.department_id) from (select * from department_employee_link where employee_id = t1.id order by department_id) t2 join department t3 on t3.id = t2.department_id)) from employee t1 where t1.id = :id::int8));

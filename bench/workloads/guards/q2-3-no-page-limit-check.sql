-- page-limit check removed: no 'case when count(*) > 1000 then <failing cast> else ... end' around the unpaged departmentLinks (its limit 1001 kept)
\set id random(1, 100000)
\set after 0
\set lim 1001
\set after2 0
\set lim2 10
select convert_to(json_build_object('employee', (select json_build_object('id', t1.id::text, 'name', t1.name, 'departmentLinks', (select coalesce(json_agg(json_build_object('extraData', t2.extra_data, 'department', case when t3.id is null then null else json_build_object('id', t3.id::text, 'name', t3.name, 'employeeLinks', (select coalesce(json_agg(json_build_object('employee', case when t5.id is null then null else json_build_object('name', t5.name) end) order by t4.employee_id), '[]'::json) from (select * from department_employee_link where department_id = t3.id and employee_id > :after2::int8 order by employee_id limit :lim2::int4) t4 left join employee t5 on t5.id = t4.employee_id)) end) order by t2.department_id), '[]'::json) from (select * from department_employee_link where employee_id = t1.id and department_id > :after::int8 order by department_id limit :lim::int4) t2 left join department t3 on t3.id = t2.department_id)) from employee t1 where t1.id = :id::int8))::text, 'UTF8');

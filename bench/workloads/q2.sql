\set id random(1, 100000)
select json_build_object('data', json_build_object('employee', (
  select json_build_object('departmentLinks', coalesce((
    select json_agg(json_build_object('department', json_build_object('employeeLinks', coalesce((
      select json_agg(json_build_object('employee', json_build_object('name', e2.name)) order by l2.employee_id)
      from (select employee_id from department_employee_link where department_id = l.department_id order by employee_id limit 10) l2
      join employee e2 on e2.id = l2.employee_id), '[]'::json))) order by l.department_id)
    from department_employee_link l where l.employee_id = emp.id), '[]'::json))
  from employee emp where emp.id = :id)));

-- floor: the hand-written statement of /work/shared/floors/q2.sql (same values, a data wrapper)
\set id random(1, 100000)
select json_build_object('data', json_build_object('employee', (
  select json_build_object('id', emp.id::text, 'name', emp.name, 'departmentLinks', coalesce((
    select json_agg(json_build_object('extraData', l.extra_data, 'department', json_build_object('id', d.id::text, 'name', d.name,
      'employeeLinks', coalesce((
        select json_agg(json_build_object('employee', json_build_object('name', e2.name)) order by l2.employee_id)
        from (select employee_id from department_employee_link where department_id = d.id order by employee_id limit 10) l2
        join employee e2 on e2.id = l2.employee_id), '[]'::json))) order by l.department_id)
    from department_employee_link l join department d on d.id = l.department_id where l.employee_id = emp.id), '[]'::json))
  from employee emp where emp.id = :id)));

\set id random(1, 1000)
select json_build_object('data', json_build_object('department', (
  select json_build_object('id', d.id::text, 'name', d.name, 'employeeLinks', coalesce((
    select json_agg(json_build_object('extraData', l.extra_data, 'employee', json_build_object('id', e.id::text, 'name', e.name)) order by l.employee_id)
    from (select employee_id, extra_data from department_employee_link where department_id = d.id order by employee_id limit 50) l
    join employee e on e.id = l.employee_id), '[]'::json))
  from department d where d.id = :id)));

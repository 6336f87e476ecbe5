select json_build_object('data', json_build_object('departments', (
  select json_agg(json_build_object('id', d.id::text, 'name', d.name, 'employees', (
    select coalesce(json_agg(json_build_object('name', e.name) order by l.employee_id), '[]'::json)
    from (select employee_id from department_employee_link where department_id = d.id order by employee_id limit 10) l
    join employee e on e.id = l.employee_id)) order by d.id)
  from (select id, name from department order by id limit 100) d)));

-- floor: the hand-written statement of /work/shared/floors/q1.sql (same values, PostGraphile's keys)
\set id random(1, 1000)
select json_build_object('department', (
  select json_build_object(
           'rowId', d.id::text,
           'name', d.name,
           'departmentEmployeeLinks', json_build_object('nodes', links.nodes))
  from department d
  cross join lateral (
    select coalesce(json_agg(json_build_object(
               'extraData', l.extra_data,
               'employee', json_build_object('rowId', e.id::text, 'name', e.name))
             order by l.department_id, l.employee_id), '[]'::json) as nodes
    from (select department_id, employee_id, extra_data
          from department_employee_link
          where department_id = d.id
          order by department_id, employee_id
          limit 50) l
    left join employee e on e.id = l.employee_id
  ) links
  where d.id = :id
)) as data;

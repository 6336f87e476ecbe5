-- Q5's floor: the employees part-time in a department whose name starts with "Department 1" (the name's
-- pattern index finds those departments, their links by the key), the total, the first 50 by name then id
with m as materialized (
  select e.id, e.name from employee e
  where exists (select 1 from department_employee_link l join department d on d.id = l.department_id
                where l.employee_id = e.id and l.extra_data = 'part-time' and d.name like 'Department 1%'))
select json_build_object('data', json_build_object('employeePage', json_build_object(
  'totalCount', (select count(*) from m),
  'items', coalesce((
    select json_agg(json_build_object('name', p.name, 'departmentsAggregate', json_build_object('count',
      (select count(*) from department_employee_link l where l.employee_id = p.id))) order by p.name, p.id)
    from (select id, name from m order by name, id limit 50) p), '[]'::json))));

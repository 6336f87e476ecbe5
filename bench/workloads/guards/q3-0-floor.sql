-- floor: the hand-written statement of /work/shared/floors/q3.sql (same values, PostGraphile's keys)
select json_build_object('departments', json_build_object('nodes',
         coalesce(json_agg(json_build_object(
                    'rowId', d.id::text,
                    'name', d.name,
                    'employeesByDepartmentEmployeeLinkDepartmentIdAndEmployeeId',
                      json_build_object('nodes', emps.nodes))
                  order by d.id), '[]'::json))) as data
from (select id, name from department order by id limit 100) d
cross join lateral (
  select coalesce(json_agg(json_build_object('name', e.name) order by e.id), '[]'::json) as nodes
  from (select e.id, e.name
        from department_employee_link l
        join employee e on e.id = l.employee_id
        where l.department_id = d.id
        order by l.employee_id
        limit 10) e
) emps;

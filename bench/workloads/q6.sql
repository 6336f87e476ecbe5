-- Q6's floor: the first 20 departments by id, each with its links grouped by extraData (at most 100 groups,
-- by count descending, then extraData, nulls last)
select json_build_object('data', json_build_object('departmentPage', json_build_object('items', (
  select coalesce(json_agg(json_build_object('name', d.name, 'employeeLinkGroups', (
    select coalesce(json_agg(json_build_object('extraData', g.extra_data, 'count', g.n) order by g.n desc, g.extra_data nulls last), '[]'::json)
    from (select extra_data, count(*) as n from department_employee_link where department_id = d.id
          group by extra_data order by count(*) desc, extra_data nulls last limit 100) g)) order by d.id), '[]'::json)
  from (select id, name from department order by id limit 20) d))));

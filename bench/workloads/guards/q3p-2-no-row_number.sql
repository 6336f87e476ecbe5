-- row_number() removed: the items from 'limit first' rows in id order, no FILTER, no GROUP BY () (enough when neither hasNextPage nor endCursor is selected)
\set first 100
\set lim 101
\set after2 0
\set lim2 10
select convert_to(json_build_object('departmentPage', (select json_build_object('items', coalesce(json_agg(json_build_object('id', t2.id::text, 'name', t2.name, 'employees', (select coalesce(json_agg(json_build_object('name', t3.name) order by t3.id), '[]'::json) from (select employee_id from department_employee_link where department_id = t2.id and employee_id > :after2::int8 order by employee_id limit :lim2::int4) t3_k join employee t3 on t3.id = t3_k.employee_id)) order by t2.id), '[]'::json)) from (select t1.* from department t1 order by t1.id limit :first::int4) t2))::text, 'UTF8');

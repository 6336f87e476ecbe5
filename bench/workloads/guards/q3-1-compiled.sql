-- compiled: relgraph's statement for bench/workloads/q3.graphql as PostgreSQL's log shows it (parameters: after 0, limit 100, after 0, limit 10)
\set after 0
\set lim 100
\set after2 0
\set lim2 10
select convert_to(json_build_object('departments', (select coalesce(json_agg(json_build_object('id', t1.id::text, 'name', t1.name, 'employees', (select coalesce(json_agg(json_build_object('name', t2.name) order by t2.id), '[]'::json) from (select t2.* from department_employee_link t2_l join employee t2 on t2.id = t2_l.employee_id where t2_l.department_id = t1.id and t2_l.employee_id > :after2::int8 order by t2_l.employee_id limit :lim2::int4) t2)) order by t1.id), '[]'::json) from (select * from department where id > :after::int8 order by id limit :lim::int4) t1))::text, 'UTF8');

-- compiled: relgraph's statement for 'query Q3D { departments(first: 100) { id name employees(first: 10) { name hiredOn } } }' (Q3 with a DateTime; parameters as Q3) (its format written E'...\072...' for pgbench, which would take :MI and :SS for its variables; the same constant)
\set after 0
\set lim 100
\set after2 0
\set lim2 10
select convert_to(json_build_object('departments', (select coalesce(json_agg(json_build_object('id', t1.id::text, 'name', t1.name, 'employees', (select coalesce(json_agg(json_build_object('name', t2.name, 'hiredOn', (rtrim(rtrim(to_char(t2.hired_on at time zone 'UTC', E'YYYY-MM-DD"T"HH24\072MI\072SS.US'), '0'), '.') || 'Z')) order by t2.id), '[]'::json) from (select employee_id from department_employee_link where department_id = t1.id and employee_id > :after2::int8 order by employee_id limit :lim2::int4) t2_k join employee t2 on t2.id = t2_k.employee_id)) order by t1.id), '[]'::json) from (select * from department where id > :after::int8 order by id limit :lim::int4) t1))::text, 'UTF8');

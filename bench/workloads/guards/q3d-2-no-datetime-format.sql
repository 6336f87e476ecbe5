-- DateTime formatting removed: the timestamptz as json_build_object writes it (changes the answer: '+00:00' instead of 'Z', and follows the session's TimeZone)
\set after 0
\set lim 100
\set after2 0
\set lim2 10
select convert_to(json_build_object('departments', (select coalesce(json_agg(json_build_object('id', t1.id::text, 'name', t1.name, 'employees', (select coalesce(json_agg(json_build_object('name', t2.name, 'hiredOn', t2.hired_on) order by t2.id), '[]'::json) from (select employee_id from department_employee_link where department_id = t1.id and employee_id > :after2::int8 order by employee_id limit :lim2::int4) t2_k join employee t2 on t2.id = t2_k.employee_id)) order by t1.id), '[]'::json) from (select * from department where id > :after::int8 order by id limit :lim::int4) t1))::text, 'UTF8');

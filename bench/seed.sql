-- Fills an empty relgraph schema at a given scale (psql -v name=value overrides the defaults):
--   departments=1000 employees=100000 links_per_employee=3 users=10000 posts=100000 addresses=20000
-- Each employee is in links_per_employee departments, extraData cycling full-time, part-time, contractor.
\set ON_ERROR_STOP on
\if :{?departments} \else \set departments 1000 \endif
\if :{?employees} \else \set employees 100000 \endif
\if :{?links_per_employee} \else \set links_per_employee 3 \endif
\if :{?users} \else \set users 10000 \endif
\if :{?posts} \else \set posts 100000 \endif
\if :{?addresses} \else \set addresses 20000 \endif

begin;
truncate department_employee_link, address, post, users, department, employee restart identity cascade;
insert into department (id, name) overriding system value
  select g, 'Department ' || g from generate_series(1, :departments) g;
insert into employee (id, name, hired_on) overriding system value
  select g, 'Employee ' || g, now() - (g % 3650) * interval '1 day' from generate_series(1, :employees) g;
-- employee e works in departments ((e - 1 + k * departments / links) mod departments) + 1, k = 0..links-1
insert into department_employee_link (department_id, employee_id, extra_data)
  select ((e - 1 + k * (:departments / :links_per_employee)) % :departments) + 1, e,
         (array['full-time', 'part-time', 'contractor'])[((e + k) % 3) + 1]
  from generate_series(1, :employees) e, generate_series(0, :links_per_employee - 1) k;
update department set head_id = id where id <= least(:departments, :employees);
insert into users (id, name) overriding system value select g, 'user' || g from generate_series(1, :users) g;
insert into post (id, owner_id, title) overriding system value
  select g, ((g - 1) % :users) + 1, 'Post ' || g from generate_series(1, :posts) g;
insert into address (id, user_id, address) overriding system value
  select g, ((g - 1) % :users) + 1, g || ' Main Street' from generate_series(1, :addresses) g;
-- identity sequences past the seeded ids, so creates through the API never collide
select setval(pg_get_serial_sequence('department', 'id'), :departments);
select setval(pg_get_serial_sequence('employee', 'id'), :employees);
select setval(pg_get_serial_sequence('users', 'id'), :users);
select setval(pg_get_serial_sequence('post', 'id'), :posts);
select setval(pg_get_serial_sequence('address', 'id'), :addresses);
commit;
analyze;

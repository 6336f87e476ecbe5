-- Dev-mode demo data: the article's scenarios, so GraphiQL shows something at once.
insert into department (name) values ('IT'), ('HR');
insert into employee (name, hired_on) values
  ('John', now() - interval '3 years'), ('Bill', now() - interval '1 year'), ('Mary', now() - interval '5 years');
insert into department_employee_link (department_id, employee_id, extra_data)
  select d.id, e.id, x.extra_data
  from (values ('IT', 'John', 'part-time'), ('IT', 'Bill', null), ('HR', 'Mary', 'full-time'), ('HR', 'John', 'contractor'))
       as x(department, employee, extra_data)
  join department d on d.name = x.department
  join employee e on e.name = x.employee;
update department set head_id = (select id from employee where name = 'Mary') where name = 'HR';
update department set head_id = (select id from employee where name = 'John') where name = 'IT';
insert into users (name) values ('john'), ('jane');
insert into post (owner_id, title)
  select u.id, x.title from (values ('john', 'Association objects'), ('john', 'Backrefs'), ('jane', 'One-to-one'))
  as x(owner, title) join users u on u.name = x.owner;
insert into address (user_id, address)
  select u.id, x.address from (values ('john', '1 Home Street'), ('john', '2 Office Road'))
  as x(owner, address) join users u on u.name = x.owner;

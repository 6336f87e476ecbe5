-- Indexes the read language's filters and sorts need (issue 16): a where anchored on one of these
-- columns, or a sort by it, reads the index instead of scanning the table.
-- employee.name: name filters (eq, in, startsWith under the C collation), sorts by name
create index employee_name_idx on employee (name);
-- employee.hired_on: hiredOn ranges and sorts
create index employee_hired_on_idx on employee (hired_on);
-- department_employee_link.extra_data: extraData filters across all links, groups by extraData
create index department_employee_link_extra_data_idx on department_employee_link (extra_data);
-- users.name, post.title and address.address stay without: small tables in the bench's shape

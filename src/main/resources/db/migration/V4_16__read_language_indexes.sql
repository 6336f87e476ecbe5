-- Indexes the read language's filters and sorts need (issue 16): a where anchored on one of these
-- columns, or a sort by it, reads the index instead of scanning the table.
-- employee.name: name filters (eq, in), sorts by name
create index employee_name_idx on employee (name);
-- startsWith is LIKE 'prefix%': a plain index serves it only under the C collation; text_pattern_ops
-- serves it under any (a database made with en_US.UTF-8 or C.UTF-8, as most servers are)
create index employee_name_pattern_idx on employee (name text_pattern_ops);
create index department_name_pattern_idx on department (name text_pattern_ops);
-- employee.hired_on: hiredOn ranges and sorts
create index employee_hired_on_idx on employee (hired_on);
-- department_employee_link.extra_data: extraData filters across all links, groups by extraData
create index department_employee_link_extra_data_idx on department_employee_link (extra_data);
-- users.name, post.title and address.address stay without: small tables in the bench's shape

-- Live queries (io.relgraph.live): every committed statement that changes a table the API reads is
-- published with pg_notify on the channel 'relgraph_tables', its payload the table's name, whoever
-- ran it (any instance, or plain SQL). A live query re-runs when a table it reads changed.
--
-- Statement-level triggers, so a statement that changes a thousand rows publishes once; and
-- PostgreSQL folds identical notifications of one transaction into one, so a transaction publishes
-- each table it changed once, however many statements it ran. TRUNCATE publishes too (a live query
-- must see rows go). NOTIFY is transactional: a rolled-back transaction publishes nothing.
--
-- Numbered 3.17 (issue 17) so that a V3 written at the same time elsewhere cannot collide with it.

create function relgraph_table_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('relgraph_tables', tg_table_name);
  return null;
end $$;

create trigger relgraph_department_table after insert or update or delete or truncate on department
  for each statement execute function relgraph_table_changed();
create trigger relgraph_employee_table after insert or update or delete or truncate on employee
  for each statement execute function relgraph_table_changed();
create trigger relgraph_link_table after insert or update or delete or truncate on department_employee_link
  for each statement execute function relgraph_table_changed();
create trigger relgraph_users_table after insert or update or delete or truncate on users
  for each statement execute function relgraph_table_changed();
create trigger relgraph_post_table after insert or update or delete or truncate on post
  for each statement execute function relgraph_table_changed();
create trigger relgraph_address_table after insert or update or delete or truncate on address
  for each statement execute function relgraph_table_changed();

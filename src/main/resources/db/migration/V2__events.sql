-- Change events (io.relgraph.events): every committed change of a link, of a department (created,
-- renamed, head set or cleared, deleted) and of a department's, employee's or user's primary key is
-- published with pg_notify on the one channel 'relgraph_events', whoever made it (any instance, or
-- plain SQL). NOTIFY is transactional: a rolled-back transaction publishes nothing, and a committed
-- one's notifications reach every listener in the order they were sent.
--
-- Payloads are small JSON objects with keys and the kind of change (NOTIFY refuses payloads of 8000
-- bytes or more), never rows; a link's event also carries its extraData, a varchar(256), so a payload
-- stays under about 1.2 kB. Rows are read when a subscriber resolves the event's object fields.
--
-- PostgreSQL folds identical notifications of one transaction into one; "seq" (a sequence, so unique)
-- keeps two equal changes of one transaction (link, unlink, link again) apart.
--
-- Rows that only follow a key change (a link's department_id or a head_id rewritten by ON UPDATE
-- CASCADE) publish nothing of their own: the key change is the event. TRUNCATE publishes nothing.

create sequence relgraph_event_seq;

create function relgraph_publish(payload jsonb) returns void language plpgsql as $$
begin
  perform pg_notify('relgraph_events', (payload || jsonb_build_object('seq', nextval('relgraph_event_seq')))::text);
end $$;

create function relgraph_link_event(kind text, department_id bigint, employee_id bigint, extra_data text)
  returns void language sql as $$
  select relgraph_publish(jsonb_build_object('on', 'link', 'kind', kind, 'departmentId', department_id,
                                             'employeeId', employee_id, 'extraData', extra_data));
$$;

create function relgraph_department_event(kind text, id bigint) returns void language sql as $$
  select relgraph_publish(jsonb_build_object('on', 'department', 'kind', kind, 'id', id));
$$;

create function relgraph_key_event(entity text, old_id bigint, new_id bigint) returns void language sql as $$
  select relgraph_publish(jsonb_build_object('on', 'key', 'entity', entity, 'oldId', old_id, 'newId', new_id));
$$;

create function relgraph_link_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform relgraph_link_event('CREATED', new.department_id, new.employee_id, new.extra_data);
  elsif tg_op = 'DELETE' then
    perform relgraph_link_event('DELETED', old.department_id, old.employee_id, old.extra_data);
  elsif old.department_id <> new.department_id or old.employee_id <> new.employee_id then
    -- an end whose old key no longer exists was renamed by a key change (ON UPDATE CASCADE)
    if (old.department_id = new.department_id or not exists (select 1 from department where id = old.department_id))
       and (old.employee_id = new.employee_id or not exists (select 1 from employee where id = old.employee_id))
       and old.extra_data is not distinct from new.extra_data then
      return null;
    end if;
    -- a link moved to another pair by hand: the old pair is gone, the new one exists
    perform relgraph_link_event('DELETED', old.department_id, old.employee_id, old.extra_data);
    perform relgraph_link_event('CREATED', new.department_id, new.employee_id, new.extra_data);
  elsif old.extra_data is distinct from new.extra_data then
    perform relgraph_link_event('UPDATED', new.department_id, new.employee_id, new.extra_data);
  end if;
  return null;
end $$;

create trigger relgraph_link_events after insert or update or delete on department_employee_link
  for each row execute function relgraph_link_changed();

create function relgraph_department_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform relgraph_department_event('CREATED', new.id);
    if new.head_id is not null then
      perform relgraph_department_event('HEAD_SET', new.id);
    end if;
    return null;
  elsif tg_op = 'DELETE' then
    perform relgraph_department_event('DELETED', old.id);
    return null;
  end if;
  if old.id <> new.id then
    perform relgraph_key_event('DEPARTMENT', old.id, new.id);
  end if;
  if old.name is distinct from new.name then
    perform relgraph_department_event('RENAMED', new.id);
  end if;
  if old.head_id is distinct from new.head_id
     -- not the head's own key change followed by ON UPDATE CASCADE (that is the EMPLOYEE key event)
     and not (old.head_id is not null and new.head_id is not null
              and not exists (select 1 from employee where id = old.head_id)) then
    perform relgraph_department_event(case when new.head_id is null then 'HEAD_CLEARED' else 'HEAD_SET' end, new.id);
  end if;
  return null;
end $$;

create trigger relgraph_department_events after insert or update or delete on department
  for each row execute function relgraph_department_changed();

create function relgraph_key_changed() returns trigger language plpgsql as $$
begin
  if old.id <> new.id then
    perform relgraph_key_event(tg_argv[0], old.id, new.id);
  end if;
  return null;
end $$;

create trigger relgraph_employee_key_events after update of id on employee
  for each row execute function relgraph_key_changed('EMPLOYEE');
create trigger relgraph_user_key_events after update of id on users
  for each row execute function relgraph_key_changed('USER');

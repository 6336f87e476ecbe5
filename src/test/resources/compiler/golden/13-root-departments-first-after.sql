select convert_to(json_build_object('departments', (select coalesce(json_agg(json_build_object('id', t1.id::text, 'name', t1.name) order by t1.id), '[]'::json) from (select * from department where id > $1::int8 order by id limit $2::int4) t1))::text, 'UTF8')
-- parameters: [10,3]

select convert_to(json_build_object('department', (select json_build_object('head', (select json_build_object('id', t2.id::text) from (select t1.head_id as id) t2 where t2.id is not null)) from department t1 where t1.id = $1::int8))::text, 'UTF8')
-- parameters: [1]

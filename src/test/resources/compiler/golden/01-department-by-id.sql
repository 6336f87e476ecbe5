select convert_to(json_build_object('department', (select json_build_object('id', t1.id::text, 'name', t1.name) from department t1 where t1.id = $1::int8))::text, 'UTF8')
-- parameters: [1]

select convert_to(json_build_object('department', (select json_build_object('name', t1.name, 'head', (select json_build_object('name', t2.name) from employee t2 where t2.id = t1.head_id)) from department t1 where t1.id = $1::int8))::text, 'UTF8')
-- parameters: [1]

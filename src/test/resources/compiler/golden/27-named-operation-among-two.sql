select convert_to(json_build_object('employee', (select json_build_object('name', t1.name) from employee t1 where t1.id = $1::int8))::text, 'UTF8')
-- parameters: [2]

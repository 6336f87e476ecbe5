select convert_to(json_build_object('employee', (select json_build_object('headOf', (select json_build_object('id', t2.id::text, 'name', t2.name) from department t2 where t2.head_id = t1.id)) from employee t1 where t1.id = $1::int8))::text, 'UTF8')
-- parameters: [2]

select convert_to(json_build_object('departmentByName', (select json_build_object('id', t1.id::text, 'name', t1.name) from department t1 where t1.name = $1::text))::text, 'UTF8')
-- parameters: ["IT"]

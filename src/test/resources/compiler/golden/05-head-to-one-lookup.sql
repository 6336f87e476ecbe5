select convert_to(json_build_object('department', (select json_build_object('head', (select json_build_object('name', t2.name, 'hiredOn', (rtrim(rtrim(to_char(t2.hired_on at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '0'), '.') || 'Z')) from employee t2 where t2.id = t1.head_id)) from department t1 where t1.id = $1::int8))::text, 'UTF8')
-- parameters: [1]

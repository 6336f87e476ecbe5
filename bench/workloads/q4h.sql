\set v random(0, 1)
update department_employee_link set extra_data = case when :v = 0 then 'full-time' else 'part-time' end
where department_id = 1 and employee_id = 1
returning json_build_object('data', json_build_object('updateLink', json_build_object('extraData', extra_data)));

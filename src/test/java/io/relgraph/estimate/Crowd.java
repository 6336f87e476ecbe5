package io.relgraph.estimate;

import io.relgraph.Database;
import io.relgraph.GraphQL;

/**
 * A department of many employees ({@code name-1} .. {@code name-n}), written by SQL beside the API
 * (the estimate tests need more rows than a test would make through it), and its removal.
 */
record Crowd(String name, long department) {

    static Crowd of(String prefix, int employees) {
        String name = GraphQL.unique(prefix);
        long department = ((Number) Database.value("insert into department (name) values (?) returning id", name)).longValue();
        Database.update("insert into employee (name) select ? || '-' || g from generate_series(1, ?) g", name, employees);
        Database.update("insert into department_employee_link (department_id, employee_id) select ?, id from employee where name like ?",
                department, name + "-%");
        return new Crowd(name, department);
    }

    /** The department (its links cascade) and its employees. */
    void remove() {
        Database.update("delete from department where id = ?", department);
        Database.update("delete from employee where name like ?", name + "-%");
    }

    long employeesLeft() {
        return Database.count("select count(*) from employee where name like ?", name + "-%");
    }
}

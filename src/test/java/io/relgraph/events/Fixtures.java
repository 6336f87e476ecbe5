package io.relgraph.events;

import static io.relgraph.GraphQL.ok;

import io.relgraph.Database;
import io.relgraph.GraphQL;

/** Rows the event tests change, made through the API like a client would. */
public final class Fixtures {

    private Fixtures() {
    }

    public static long department(String prefix) {
        return Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", GraphQL.unique(prefix))
                .getString("data.createDepartment.id"));
    }

    public static String departmentName(long id) {
        return (String) Database.value("select name from department where id = ?", id);
    }

    public static long employee(String name) {
        return Long.parseLong(ok("mutation($n: String!) { createEmployee(name: $n) { id } }", "n", name)
                .getString("data.createEmployee.id"));
    }

    public static long user(String name) {
        return Long.parseLong(ok("mutation($n: String!) { createUser(name: $n) { id } }", "n", name).getString("data.createUser.id"));
    }

    public static void link(long department, long employee, String extraData) {
        ok("mutation($d: ID!, $e: ID!, $x: String) { linkEmployee(departmentId: $d, employeeId: $e, extraData: $x) { extraData } }",
                "d", department, "e", employee, "x", extraData);
    }

    /** A key no row has and no identity will draw: the table's own sequence hands it out. */
    public static long freshKey(String table) {
        return ((Number) Database.value("select nextval(pg_get_serial_sequence(?, 'id'))", table)).longValue();
    }
}

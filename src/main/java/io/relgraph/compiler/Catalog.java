package io.relgraph.compiler;

import java.util.Map;

/**
 * What the compiler knows of the read schema: for each GraphQL object type its table, and for each
 * field the SQL that answers it. It mirrors, rule for rule, the statements of the resolvers (the
 * {@code *GraphQL} and {@code *Loader} classes); a field missing here is not compiled (the resolver
 * engine answers it).
 *
 * <p>SQL templates use placeholders the writer fills in: {@code {p}} the parent row's alias,
 * {@code {t}} the alias of the rows being read, {@code {after}} and {@code {limit}} the bound
 * parameters of a list.
 */
final class Catalog {

    private Catalog() {
    }

    /** How a column becomes a JSON value. */
    enum Format {
        /** An ID: the number as a JSON string. */
        ID,
        /** Text (or null) as is. */
        TEXT,
        /** A timestamptz as SmallRye writes an OffsetDateTime (ISO-8601, UTC, fraction without trailing zeros). */
        DATE_TIME
    }

    record Column(String column, Format format) {
    }

    /** A field whose value is at most one row of {@code target}: {@code where} relates {t} to {p}. */
    record ToOne(String target, String where) {
    }

    /** A list field: {@code from} yields at most {limit} rows as {t} after the far end's id {after}, in {@code order}. */
    record ToMany(String target, String from, String order) {
    }

    /** A GraphQL object type backed by a table. */
    record Entity(String type, String table, Map<String, Column> columns, Map<String, ToOne> toOne, Map<String, ToMany> toMany) {
    }

    /** Microseconds, then trailing zeros and a bare '.' cut off (the '.' stops the first rtrim before the seconds). */
    private static final String DATE_TIME_SQL = "rtrim(rtrim(to_char({c} at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '0'), '.') || 'Z'";

    static final Map<String, Entity> ENTITIES = Map.of(
            "Department", new Entity("Department", "department",
                    Map.of("id", new Column("id", Format.ID), "name", new Column("name", Format.TEXT)),
                    Map.of("head", new ToOne("Employee", "{t}.id = {p}.head_id")),
                    Map.of("employees", new ToMany("Employee",
                            "(select employee_id from department_employee_link where department_id = {p}.id and employee_id > {after}"
                                    + " order by employee_id limit {limit}) {t}_k join employee {t} on {t}.id = {t}_k.employee_id",
                            "{t}.id"),
                            "employeeLinks", new ToMany("DepartmentEmployeeLink",
                                    "(select * from department_employee_link where department_id = {p}.id and employee_id > {after}"
                                            + " order by employee_id limit {limit}) {t}",
                                    "{t}.employee_id"))),
            "Employee", new Entity("Employee", "employee",
                    Map.of("id", new Column("id", Format.ID), "name", new Column("name", Format.TEXT),
                            "hiredOn", new Column("hired_on", Format.DATE_TIME)),
                    Map.of("headOf", new ToOne("Department", "{t}.head_id = {p}.id")),
                    Map.of("departments", new ToMany("Department",
                            "(select department_id from department_employee_link where employee_id = {p}.id and department_id > {after}"
                                    + " order by department_id limit {limit}) {t}_k join department {t} on {t}.id = {t}_k.department_id",
                            "{t}.id"),
                            "departmentLinks", new ToMany("DepartmentEmployeeLink",
                                    "(select * from department_employee_link where employee_id = {p}.id and department_id > {after}"
                                            + " order by department_id limit {limit}) {t}",
                                    "{t}.department_id"))),
            "DepartmentEmployeeLink", new Entity("DepartmentEmployeeLink", "department_employee_link",
                    Map.of("extraData", new Column("extra_data", Format.TEXT)),
                    Map.of("department", new ToOne("Department", "{t}.id = {p}.department_id"),
                            "employee", new ToOne("Employee", "{t}.id = {p}.employee_id")),
                    Map.of()),
            "User", new Entity("User", "users",
                    Map.of("id", new Column("id", Format.ID), "name", new Column("name", Format.TEXT)),
                    Map.of(),
                    Map.of("posts", new ToMany("Post",
                            "(select * from post where owner_id = {p}.id and id > {after} order by id limit {limit}) {t}", "{t}.id"),
                            "addresses", new ToMany("Address",
                                    "(select * from address where user_id = {p}.id and id > {after} order by id limit {limit}) {t}",
                                    "{t}.id"))),
            "Post", new Entity("Post", "post",
                    Map.of("id", new Column("id", Format.ID), "title", new Column("title", Format.TEXT)),
                    Map.of("owner", new ToOne("User", "{t}.id = {p}.owner_id")),
                    Map.of()),
            "Address", new Entity("Address", "address",
                    Map.of("id", new Column("id", Format.ID), "address", new Column("address", Format.TEXT)),
                    Map.of("user", new ToOne("User", "{t}.id = {p}.user_id")),
                    Map.of()));

    /** The SQL expression of a column of row {@code t}, as the JSON value the resolver emits. */
    static String value(Column c, String t) {
        String ref = t + "." + c.column();
        return switch (c.format()) {
            case ID -> ref + "::text";
            case TEXT -> ref;
            case DATE_TIME -> "(" + DATE_TIME_SQL.replace("{c}", ref) + ")";
        };
    }
}

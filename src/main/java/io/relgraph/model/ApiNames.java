package io.relgraph.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one declaration of the read API's GraphQL names over the schema: which table each object type
 * is, which columns it shows under which field names, and under which field names each foreign key
 * (and each link table) is followed, from either end. Everything else about a relation (its target,
 * its join columns, to-one or to-many, its list order and page key) is read from PostgreSQL's catalog
 * by {@link RelationalModel#build}. A new relation is a migration (its foreign key) and one line here,
 * plus its GraphQL field and its test.
 */
public final class ApiNames {

    private ApiNames() {
    }

    /** An object type: its table, its fields (GraphQL name to column), and whether the API may change its primary key. */
    public record Type(String type, String table, Map<String, String> fields, boolean keyed) {
    }

    /**
     * A foreign key ({@code table.column}) and the fields that follow it: {@code field} on the
     * referencing type (to one row), {@code reverseField} on the referenced type (to one row when the
     * column is unique, else a list); either may be null.
     */
    public record Reference(String table, String column, String field, String reverseField) {
    }

    /**
     * A link table between two types: {@code firstField} on the type {@code firstColumn} references
     * lists the rows {@code secondColumn} references, and {@code secondField} the other way round.
     */
    public record ManyToMany(String link, String firstColumn, String firstField, String secondColumn, String secondField) {
    }

    public record Declaration(List<Type> types, List<Reference> references, List<ManyToMany> manyToMany) {
    }

    private static Map<String, String> fields(String... fieldsAndColumns) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndColumns.length; i += 2) {
            m.put(fieldsAndColumns[i], fieldsAndColumns[i + 1]);
        }
        return m;
    }

    /** relgraph's read API. */
    public static final Declaration API = new Declaration(
            List.of(new Type("Department", "department", fields("id", "id", "name", "name"), true),
                    new Type("Employee", "employee", fields("id", "id", "name", "name", "hiredOn", "hired_on"), true),
                    new Type("DepartmentEmployeeLink", "department_employee_link", fields("extraData", "extra_data"), false),
                    new Type("User", "users", fields("id", "id", "name", "name"), true),
                    new Type("Post", "post", fields("id", "id", "title", "title"), false),
                    new Type("Address", "address", fields("id", "id", "address", "address"), false)),
            List.of(new Reference("department", "head_id", "head", "headOf"),
                    new Reference("department_employee_link", "department_id", "department", "employeeLinks"),
                    new Reference("department_employee_link", "employee_id", "employee", "departmentLinks"),
                    new Reference("post", "owner_id", "owner", "posts"),
                    new Reference("address", "user_id", "user", "addresses")),
            List.of(new ManyToMany("department_employee_link", "department_id", "employees", "employee_id", "departments")));
}

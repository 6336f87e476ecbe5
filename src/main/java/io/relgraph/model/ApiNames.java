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
 * plus its GraphQL field and its test. The root fields that read a type's rows are declared here too,
 * with the arguments they filter by; their order, page key and cursors follow from the primary key.
 */
public final class ApiNames {

    private ApiNames() {
    }

    /**
     * An object type: its table, its fields (GraphQL name to column), whether the API may change its primary
     * key (a keyed type: its key change's GraphQL enum constant is the type's name in capitals,
     * {@link #constant}), and {@code shortName}, the name the read language's types over its rows start with
     * ({@code LinkAggregate}, {@code LinkMinMax}, {@code LinkGroup}): the type's own unless declared shorter.
     */
    public record Type(String type, String table, Map<String, String> fields, boolean keyed, String shortName) {

        public Type(String type, String table, Map<String, String> fields, boolean keyed) {
            this(type, table, fields, keyed, type);
        }
    }

    /**
     * The GraphQL enum constant that names a type or a field ({@code User} → {@code USER}, {@code DepartmentEmployeeLink}
     * → {@code DEPARTMENT_EMPLOYEE_LINK}, {@code extraData} → {@code EXTRA_DATA}): how the key change's enum
     * ({@code KeyedEntity}) and the migrations' key-change events name a keyed type, and {@code LinkGroupKey} a
     * link's field. The one place that ties those constants to the model's names.
     */
    public static String constant(String type) {
        return type.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
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

    /** How a root field of {@code Query} reads its type's rows. */
    public enum Read {
        /** At most one row: the one whose columns equal the (required) arguments, such as {@code department(id:)}. */
        ROW,
        /**
         * A list in the order of the primary key ({@code first}, and {@code after} an id when the key is one
         * column); each argument, when given, keeps the rows whose column equals it.
         */
        LIST,
        /** A keyset page ({@code first}, {@code after} a cursor, and {@code orderBy} when the key is one column), filtered as a list. */
        PAGE,
        /**
         * Groups of the rows (a link table's) that {@code where} matches, one per distinct value of the keys in
         * {@code by} (its columns and to-ones), counted: the read language's {@code linkGroups}; no arguments of its own.
         */
        GROUPS
    }

    /**
     * A root field of {@code Query} over the rows of {@code type}: how it reads them, and its arguments
     * that compare a column with equality ({@code id}, {@code name}, or a to-one's name with {@code Id}
     * for its foreign key: {@code departmentId}). {@code pageType} names a page's GraphQL type.
     */
    public record Root(String field, String type, Read read, List<String> arguments, String pageType) {

        static Root row(String field, String type, String argument) {
            return new Root(field, type, Read.ROW, List.of(argument), null);
        }

        static Root list(String field, String type, String... arguments) {
            return new Root(field, type, Read.LIST, List.of(arguments), null);
        }

        static Root page(String field, String type, String pageType, String... arguments) {
            return new Root(field, type, Read.PAGE, List.of(arguments), pageType);
        }

        static Root groups(String field, String type) {
            return new Root(field, type, Read.GROUPS, List.of(), null);
        }
    }

    public record Declaration(List<Type> types, List<Reference> references, List<ManyToMany> manyToMany, List<Root> roots) {
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
                    new Type("DepartmentEmployeeLink", "department_employee_link", fields("extraData", "extra_data"), false, "Link"),
                    new Type("User", "users", fields("id", "id", "name", "name"), true),
                    new Type("Post", "post", fields("id", "id", "title", "title"), false),
                    new Type("Address", "address", fields("id", "id", "address", "address"), false)),
            List.of(new Reference("department", "head_id", "head", "headOf"),
                    new Reference("department_employee_link", "department_id", "department", "employeeLinks"),
                    new Reference("department_employee_link", "employee_id", "employee", "departmentLinks"),
                    new Reference("post", "owner_id", "owner", "posts"),
                    new Reference("address", "user_id", "user", "addresses")),
            List.of(new ManyToMany("department_employee_link", "department_id", "employees", "employee_id", "departments")),
            List.of(Root.row("department", "Department", "id"), Root.row("departmentByName", "Department", "name"),
                    Root.row("employee", "Employee", "id"), Root.row("user", "User", "id"), Root.row("post", "Post", "id"),
                    Root.row("address", "Address", "id"),
                    Root.list("departments", "Department"), Root.list("employees", "Employee", "name"), Root.list("users", "User"),
                    Root.list("links", "DepartmentEmployeeLink", "departmentId", "employeeId", "extraData"),
                    Root.page("departmentPage", "Department", "DepartmentPage", "name"),
                    Root.page("employeePage", "Employee", "EmployeePage", "name"), Root.page("userPage", "User", "UserPage", "name"),
                    Root.page("linkPage", "DepartmentEmployeeLink", "LinkPage", "departmentId", "employeeId", "extraData"),
                    Root.groups("linkGroups", "DepartmentEmployeeLink")));
}

package io.relgraph.live;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables a live query reads, from the GraphQL types and relation fields its selection touches: a
 * change to any of them re-runs it. A superset is harmless (an unchanged answer is not sent), a
 * missing table would leave subscribers stale; so a type this map does not know makes the query
 * depend on every table ({@link #ALL}).
 */
final class ReadTables {

    /** Stands for "every table": a selection with a type not mapped here. */
    static final String ALL = "*";

    private static final String LINK = "department_employee_link";

    private static final Map<String, String> TYPE_TABLES = Map.ofEntries(
            Map.entry("Department", "department"), Map.entry("DepartmentPage", "department"),
            Map.entry("Employee", "employee"), Map.entry("EmployeePage", "employee"),
            Map.entry("DepartmentEmployeeLink", LINK), Map.entry("LinkPage", LINK),
            Map.entry("User", "users"), Map.entry("UserPage", "users"),
            Map.entry("Post", "post"),
            Map.entry("Address", "address"));

    /** Relation fields read through a table whose type the selection need not name (the many-to-many's link rows). */
    private static final Map<String, String> FIELD_TABLES = Map.of(
            "Department.employees", LINK,
            "Employee.departments", LINK);

    private ReadTables() {
    }

    /**
     * @param objectTypes the object types in the selection (the root field's type included)
     * @param fields the selected fields as {@code Type.field}
     */
    static Set<String> of(Collection<String> objectTypes, Collection<String> fields) {
        Set<String> tables = new TreeSet<>();
        for (String type : objectTypes) {
            String table = TYPE_TABLES.get(type);
            if (table == null) {
                return Set.of(ALL);
            }
            tables.add(table);
        }
        for (String field : fields) {
            String table = FIELD_TABLES.get(field);
            if (table != null) {
                tables.add(table);
            }
        }
        return Set.copyOf(tables);
    }
}

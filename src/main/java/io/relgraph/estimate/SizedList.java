package io.relgraph.estimate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lists of the API whose length the data decides, each with the SQL that measures the longest
 * one the database holds: a relation list (a department's employees) is as long as the largest
 * group of its foreign key; a root list is as long as its table, or, where an argument narrows it
 * (an exact name, a department), as the largest group of the column that argument filters.
 *
 * <p>The join columns written here are the loaders' (they move into the relational model with the
 * rest of each relation's facts). A list not named here counts the page limit.
 *
 * @param type the GraphQL type that holds the list ({@code Query} for a root list)
 * @param field the list field
 * @param narrowedBy the argument that narrows it, or null for the list without it
 */
public enum SizedList {

    DEPARTMENTS("Query", "departments", null, rows("department")),
    EMPLOYEES("Query", "employees", null, rows("employee")),
    EMPLOYEES_BY_NAME("Query", "employees", "name", largestGroup("employee", "name")),
    USERS("Query", "users", null, rows("users")),
    LINKS("Query", "links", null, rows(Tables.LINK)),
    LINKS_BY_DEPARTMENT("Query", "links", "departmentId", largestGroup(Tables.LINK, "department_id")),
    LINKS_BY_EMPLOYEE("Query", "links", "employeeId", largestGroup(Tables.LINK, "employee_id")),
    LINKS_BY_EXTRA_DATA("Query", "links", "extraData", largestGroup(Tables.LINK, "extra_data")),
    DEPARTMENT_EMPLOYEES("Department", "employees", null, largestGroup(Tables.LINK, "department_id")),
    DEPARTMENT_EMPLOYEE_LINKS("Department", "employeeLinks", null, largestGroup(Tables.LINK, "department_id")),
    EMPLOYEE_DEPARTMENTS("Employee", "departments", null, largestGroup(Tables.LINK, "employee_id")),
    EMPLOYEE_DEPARTMENT_LINKS("Employee", "departmentLinks", null, largestGroup(Tables.LINK, "employee_id")),
    USER_POSTS("User", "posts", null, largestGroup("post", "owner_id")),
    USER_ADDRESSES("User", "addresses", null, largestGroup("address", "user_id"));

    private final String type;
    private final String field;
    private final String narrowedBy;
    /** A scalar SQL expression with one {@code %d}: the most it needs to count (the page limit + 1). */
    private final String measure;

    SizedList(String type, String field, String narrowedBy, String measure) {
        this.type = type;
        this.field = field;
        this.narrowedBy = narrowedBy;
        this.measure = measure;
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }

    public String narrowedBy() {
        return narrowedBy;
    }

    /** {@code Department.employees}, {@code Query.employees(name)}: how metrics and messages name it. */
    public String coordinate() {
        return type + "." + field + (narrowedBy == null ? "" : "(" + narrowedBy + ")");
    }

    /** The SQL expression that measures the list, counting no further than {@code cap}. */
    String measure(long cap) {
        return String.format(java.util.Locale.ROOT, measure, cap);
    }

    /** Each distinct measure of the lists (lists measured alike share one), with its column in {@link #statement(int)}. */
    static Map<String, Integer> measures(int pageLimit) {
        Map<String, Integer> measures = new LinkedHashMap<>();
        for (SizedList list : values()) {
            measures.putIfAbsent(list.measure(pageLimit + 1L), measures.size());
        }
        return measures;
    }

    /** The one statement that measures every list (bench/estimate-refresh.sh runs it on the bench data too). */
    public static String statement(int pageLimit) {
        return "select " + String.join(", ", measures(pageLimit).keySet());
    }

    /** A table's rows, counted no further than the cap: a root list without first holds at most the page limit. */
    private static String rows(String table) {
        return "(select count(*) from (select 1 from " + table + " limit %d) t)";
    }

    /**
     * The largest group of rows sharing one value of the column: the longest list of the relation
     * whose foreign key it is (or of the root list filtered by it). Every group is counted (the
     * column's index serves it where there is one); the cap only keeps the column's placeholder.
     */
    private static String largestGroup(String table, String column) {
        return "coalesce((select least(count(*), %d) from " + table + " where " + column + " is not null group by " + column
                + " order by count(*) desc limit 1), 0)";
    }

    private static final class Tables {
        static final String LINK = "department_employee_link";
    }
}

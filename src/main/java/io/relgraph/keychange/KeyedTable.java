package io.relgraph.keychange;

import java.util.List;

/**
 * The tables whose primary key may change, and the relations that reference each. The schema
 * decides the strategy: a foreign key with ON UPDATE CASCADE follows by itself, one without is moved
 * by {@link KeyChangeService}.
 */
enum KeyedTable {
    DEPARTMENT("department", "Department", List.of(
            new Reference("department_employee_link", "department_id", CascadeStrategy.DATABASE))),
    EMPLOYEE("employee", "Employee", List.of(
            new Reference("department_employee_link", "employee_id", CascadeStrategy.DATABASE),
            new Reference("department", "head_id", CascadeStrategy.DATABASE))),
    USER("users", "User", List.of(
            new Reference("post", "owner_id", CascadeStrategy.DATABASE),
            new Reference("address", "user_id", CascadeStrategy.APPLICATION)));

    record Reference(String table, String column, CascadeStrategy strategy) {
        String relation() {
            return table + "." + column;
        }
    }

    final String table;
    final String label;
    final List<Reference> references;

    KeyedTable(String table, String label, List<Reference> references) {
        this.table = table;
        this.label = label;
        this.references = references;
    }
}

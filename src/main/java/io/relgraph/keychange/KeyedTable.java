package io.relgraph.keychange;

/**
 * The tables whose primary key may change. The schema decides which rows follow: the foreign keys
 * that reference the table's key are read from PostgreSQL's catalog ({@link io.relgraph.db.ForeignKeys});
 * one with ON UPDATE CASCADE follows by itself, one without is moved by {@link KeyChangeService}.
 */
enum KeyedTable {
    DEPARTMENT("department", "Department"),
    EMPLOYEE("employee", "Employee"),
    USER("users", "User");

    final String table;
    final String label;

    KeyedTable(String table, String label) {
        this.table = table;
        this.label = label;
    }
}

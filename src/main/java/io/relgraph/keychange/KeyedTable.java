package io.relgraph.keychange;

/**
 * The GraphQL types whose primary key the API may change. Their tables, and which rows follow a
 * change, are the relational model's ({@link io.relgraph.model.RelationalModel}, declared keyed in
 * {@link io.relgraph.model.ApiNames}): the foreign keys that reference the table's key, read from
 * PostgreSQL's catalog; one with ON UPDATE CASCADE follows by itself, one without is moved by
 * {@link KeyChangeService}.
 */
enum KeyedTable {
    DEPARTMENT("Department"),
    EMPLOYEE("Employee"),
    USER("User");

    /** The GraphQL type, which is also how errors name the thing ("User 7 already exists"). */
    final String type;

    KeyedTable(String type) {
        this.type = type;
    }
}

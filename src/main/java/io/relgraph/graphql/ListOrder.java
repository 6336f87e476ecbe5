package io.relgraph.graphql;

import org.eclipse.microprofile.graphql.Description;

/** How a root page of named things (departments, employees, users) is ordered; ties broken by id. */
@Description("Order of a page; ties are broken by id")
public enum ListOrder {
    ID_ASC(null, false), ID_DESC(null, true), NAME_ASC("name", false), NAME_DESC("name", true);

    private final String column;
    private final boolean descending;

    ListOrder(String column, boolean descending) {
        this.column = column;
        this.descending = descending;
    }

    /** The order asked for; an explicit {@code orderBy: null} is the default order, as if the argument were left out. */
    public static ListOrder orDefault(ListOrder order) {
        return order == null ? ID_ASC : order;
    }

    public Keyset keyset(String table, String columns) {
        return new Keyset(table, columns, column, false, "id", descending, name());
    }
}

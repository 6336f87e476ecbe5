package io.relgraph.graphql;

import org.eclipse.microprofile.graphql.Description;

import io.relgraph.model.RelationalModel;

/** How a root page of named things (departments, employees, users) is ordered; ties broken by id. */
@Description("Order of a page; ties are broken by id")
public enum ListOrder {
    ID_ASC(null, false), ID_DESC(null, true), NAME_ASC("name", false), NAME_DESC("name", true);

    /** The GraphQL field ordered by before the key, or null to order by the key alone. */
    private final String field;
    private final boolean descending;

    ListOrder(String field, boolean descending) {
        this.field = field;
        this.descending = descending;
    }

    /** The order asked for; an explicit {@code orderBy: null} is the default order, as if the argument were left out. */
    public static ListOrder orDefault(ListOrder order) {
        return order == null ? ID_ASC : order;
    }

    /** The keyset of this order over the rows of {@code e}: its field's column, then its primary key. */
    public Keyset keyset(RelationalModel.Entity e) {
        String sortColumn = field == null ? null : e.columns().get(field).name();
        return new Keyset(e.table(), String.join(", ", e.rowColumns()), sortColumn, false, e.id(), descending, name());
    }
}

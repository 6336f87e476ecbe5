package io.relgraph.keychange;

import io.relgraph.db.ForeignKeys.ForeignKey;

/** Who moves the referencing rows when a key changes. */
public enum CascadeStrategy {
    /** PostgreSQL, through the foreign key's ON UPDATE CASCADE (SQLAlchemy's passive_updates=True). */
    DATABASE,
    /** relgraph itself, with an UPDATE in the same transaction (SQLAlchemy's passive_updates=False). */
    APPLICATION;

    /**
     * The strategy of a foreign key as the catalog declares it (the relational model's): PostgreSQL when it has ON
     * UPDATE CASCADE, else relgraph (the model refuses at start a key that neither cascades nor waits for the commit).
     */
    static CascadeStrategy of(ForeignKey fk) {
        return fk.cascadesOnUpdate() ? DATABASE : APPLICATION;
    }
}

package io.relgraph.keychange;

/** Who moves the referencing rows when a key changes. */
public enum CascadeStrategy {
    /** PostgreSQL, through the foreign key's ON UPDATE CASCADE (SQLAlchemy's passive_updates=True). */
    DATABASE,
    /** relgraph itself, with an UPDATE in the same transaction (SQLAlchemy's passive_updates=False). */
    APPLICATION
}

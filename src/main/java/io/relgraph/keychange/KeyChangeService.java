package io.relgraph.keychange;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.relgraph.db.ForeignKeys;
import io.relgraph.db.ForeignKeys.ForeignKey;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Changes a primary key and makes every referencing row follow, in one transaction.
 *
 * <p>Hibernate forbids changing a managed entity's id, so this is plain SQL on a connection of its
 * own: no entity is loaded, so none can go stale. Rows behind an ON UPDATE CASCADE foreign key move
 * with the key (DATABASE); the others are moved here with an UPDATE of every referencing row, loaded
 * or not (APPLICATION) — SQLAlchemy's passive_updates=False only moves rows its session has loaded.
 * Which is which is the schema's word: the referencing foreign keys and their ON UPDATE action are
 * read from PostgreSQL's catalog ({@link ForeignKeys}).
 *
 * <p>Concurrency: the row is locked (FOR UPDATE) first, so of several changes of one key exactly one
 * wins and the others find the old key gone (NOT_FOUND); inserts that reference the old key either
 * commit first (and are moved) or fail their foreign-key check after (no dangling reference).
 */
@ApplicationScoped
public class KeyChangeService {

    private final Pool pool;
    private final ForeignKeys foreignKeys;

    public KeyChangeService(Pool pool, ForeignKeys foreignKeys) {
        this.pool = pool;
        this.foreignKeys = foreignKeys;
    }

    /** Who moves the rows of a referencing foreign key: PostgreSQL when it has ON UPDATE CASCADE, else this service. */
    static CascadeStrategy strategy(ForeignKey fk) {
        return fk.cascadesOnUpdate() ? CascadeStrategy.DATABASE : CascadeStrategy.APPLICATION;
    }

    Uni<List<CascadedRows>> change(KeyedTable t, long id, long newId, boolean dryRun) {
        if (id == newId) {
            return Uni.createFrom().failure(ApiException.validation("newId must differ from id (" + id + ")"));
        }
        return pool.withTransaction(conn -> lock(conn, t, id)
                .chain(() -> ensureFree(conn, t, newId))
                .chain(() -> dryRun ? counts(conn, t, id) : move(conn, t, id, newId)));
    }

    private Uni<Void> lock(SqlConnection conn, KeyedTable t, long id) {
        return conn.preparedQuery("select id from " + t.table + " where id = $1 for update").execute(Tuple.of(id))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound(t.label, id);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> ensureFree(SqlConnection conn, KeyedTable t, long newId) {
        return conn.preparedQuery("select 1 from " + t.table + " where id = $1").execute(Tuple.of(newId))
                .invoke(rows -> {
                    if (rows.size() > 0) {
                        throw new ApiException(ErrorCode.KEY_CONFLICT, t.label + " " + newId + " already exists");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<List<CascadedRows>> move(SqlConnection conn, KeyedTable t, long id, long newId) {
        // Keep the identity sequence ahead of the new key first, so a later (or concurrent) create never
        // draws it. setval is not transactional: a failed change only leaves a gap in the ids.
        Uni<Void> sequence = conn.preparedQuery("select setval(pg_get_serial_sequence($1, 'id'), $2) where $2 > "
                + "coalesce((select last_value from pg_sequences where schemaname = current_schema()"
                + " and sequencename = $3), 0)")
                .execute(Tuple.of(t.table, newId, t.table + "_id_seq")).replaceWithVoid();
        Uni<Void> key = conn.preparedQuery("update " + t.table + " set id = $2 where id = $1")
                .execute(Tuple.of(id, newId)).replaceWithVoid();
        return sequence.chain(() -> key)
                .chain(() -> Multi.createFrom().iterable(foreignKeys.referencing(t.table))
                        .filter(r -> strategy(r) == CascadeStrategy.APPLICATION)
                        .onItem().transformToUniAndConcatenate(r -> conn
                                .preparedQuery("update " + r.table() + " set " + r.column() + " = $2 where " + r.column() + " = $1")
                                .execute(Tuple.of(id, newId)))
                        .collect().last())
                .chain(() -> counts(conn, t, newId));
    }

    /** For each referencing relation, the rows that point at {@code key}. */
    private Uni<List<CascadedRows>> counts(SqlConnection conn, KeyedTable t, long key) {
        return Multi.createFrom().iterable(foreignKeys.referencing(t.table))
                .onItem().transformToUniAndConcatenate(r -> conn
                        .preparedQuery("select count(*) from " + r.table() + " where " + r.column() + " = $1")
                        .execute(Tuple.of(key))
                        .map(rows -> new CascadedRows(r.relation(), rows.iterator().next().getInteger(0), strategy(r))))
                .collect().asList()
                .map(ArrayList::new);
    }
}

package io.relgraph.keychange;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;
import io.relgraph.db.ForeignKeys.ForeignKey;
import io.relgraph.events.KeyedEntity;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.model.ModelReader;
import io.relgraph.model.RelationalModel;
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
 * Which is which is the schema's word: the table, the referencing foreign keys and their ON UPDATE
 * action are the relational model's, read from PostgreSQL's catalog ({@link RelationalModel}), which
 * refuses at start a foreign key this could not move (neither cascading nor checked at commit).
 *
 * <p>Concurrency: the row is locked (FOR UPDATE) first, so of several changes of one key exactly one
 * wins and the others find the old key gone (NOT_FOUND); inserts that reference the old key either
 * commit first (and are moved) or fail their foreign-key check after (no dangling reference).
 */
@ApplicationScoped
public class KeyChangeService {

    private final Pool pool;
    private final ModelReader model;

    public KeyChangeService(Pool pool, ModelReader model) {
        this.pool = pool;
        this.model = model;
    }

    /**
     * Start-up stops unless every constant of the GraphQL enum {@link KeyedEntity} (the key change's and its
     * events' surface) names a keyed type of the model: after {@link ModelReader} has read it.
     */
    void checkKeyedEntities(@Observes @Priority(Interceptor.Priority.APPLICATION + 1) StartupEvent event) {
        model.model().requireKeyed(KeyedEntity.class);
    }

    /** A keyed type as the model has it: its table, its key column, the foreign keys that reference it. */
    private record Keyed(String label, String table, String id, List<ForeignKey> referencing) {
    }

    /** The model's entity of a keyed type (checked at start: every constant names one). */
    RelationalModel.Entity entity(KeyedEntity which) {
        RelationalModel.Entity e = model.model().keyed(which.name());
        if (e == null) {
            throw new IllegalStateException(which + " is not a keyed type of the relational model");
        }
        return e;
    }

    private Keyed keyed(KeyedEntity which) {
        RelationalModel.Entity e = entity(which);
        return new Keyed(e.type(), e.table(), e.id(), model.model().referencing(e.table()));
    }

    Uni<List<CascadedRows>> change(KeyedEntity which, long id, long newId, boolean dryRun) {
        if (id == newId) {
            return Uni.createFrom().failure(ApiException.validation("newId must differ from id (" + id + ")"));
        }
        Keyed k = keyed(which);
        return pool.withTransaction(conn -> lock(conn, k, id)
                .chain(() -> ensureFree(conn, k, newId))
                .chain(() -> dryRun ? counts(conn, k, id) : move(conn, k, id, newId)));
    }

    private Uni<Void> lock(SqlConnection conn, Keyed k, long id) {
        return conn.preparedQuery("select " + k.id() + " from " + k.table() + " where " + k.id() + " = $1 for update").execute(Tuple.of(id))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound(k.label(), id);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> ensureFree(SqlConnection conn, Keyed k, long newId) {
        return conn.preparedQuery("select 1 from " + k.table() + " where " + k.id() + " = $1").execute(Tuple.of(newId))
                .invoke(rows -> {
                    if (rows.size() > 0) {
                        throw new ApiException(ErrorCode.KEY_CONFLICT, k.label() + " " + newId + " already exists");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<List<CascadedRows>> move(SqlConnection conn, Keyed k, long id, long newId) {
        // Keep the identity sequence ahead of the new key first, so a later (or concurrent) create never
        // draws it. setval is not transactional: a failed change only leaves a gap in the ids.
        // The sequence is the one PostgreSQL names for the column (pg_get_serial_sequence, quoted as format's %I
        // quotes), not a name guessed from the table's (<table>_<column>_seq is only the default, cut at 63 bytes).
        Uni<Void> sequence = conn.preparedQuery("select setval(pg_get_serial_sequence($1, $3), $2) where $2 > "
                + "coalesce((select last_value from pg_sequences where format('%I.%I', schemaname, sequencename)"
                + " = pg_get_serial_sequence($1, $3)), 0)")
                .execute(Tuple.of(k.table(), newId, k.id())).replaceWithVoid();
        Uni<Void> key = conn.preparedQuery("update " + k.table() + " set " + k.id() + " = $2 where " + k.id() + " = $1")
                .execute(Tuple.of(id, newId)).replaceWithVoid();
        return sequence.chain(() -> key)
                .chain(() -> Multi.createFrom().iterable(k.referencing())
                        .filter(r -> CascadeStrategy.of(r) == CascadeStrategy.APPLICATION)
                        .onItem().transformToUniAndConcatenate(r -> conn
                                .preparedQuery("update " + r.table() + " set " + r.column() + " = $2 where " + r.column() + " = $1")
                                .execute(Tuple.of(id, newId)))
                        .collect().last())
                .chain(() -> counts(conn, k, newId));
    }

    /** For each referencing relation, the rows that point at {@code key}. */
    private Uni<List<CascadedRows>> counts(SqlConnection conn, Keyed k, long key) {
        return Multi.createFrom().iterable(k.referencing())
                .onItem().transformToUniAndConcatenate(r -> conn
                        .preparedQuery("select count(*) from " + r.table() + " where " + r.column() + " = $1")
                        .execute(Tuple.of(key))
                        .map(rows -> new CascadedRows(r.relation(), rows.iterator().next().getInteger(0), CascadeStrategy.of(r))))
                .collect().asList()
                .map(ArrayList::new);
    }
}

package io.relgraph.db;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.relgraph.replica.ReadReplicas;
import io.relgraph.replica.ReadRoute;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The read path's access to the database: one prepared SQL statement per call, on a pooled
 * connection of its own, mapped into the entity classes by their {@code from(Row)} mappers.
 *
 * <p>Why not a Hibernate session: graphql-java resolves sibling fields concurrently on one Vert.x
 * context, so a session bound to that context (Panache's) is shared by them and closed under their
 * feet (quarkusio/quarkus#32870). A pool has no such state, and a batch or a top-N-per-parent read is
 * one statement (LATERAL, arrays) whose cost is exactly that statement. The statements are written
 * from the relational model ({@code graphql.RootReads}, {@code graphql.RelationLoader}), not here.
 */
@ApplicationScoped
public class Reads {

    private final Pool pool;
    private final ReadReplicas replicas;

    public Reads(Pool pool, ReadReplicas replicas) {
        this.pool = pool;
        this.replicas = replicas;
    }

    /**
     * Runs on the primary, unless the request is a query that the request pipeline routed to a read
     * replica ({@code io.relgraph.replica}): then on the server its route chose for the whole request.
     */
    public <T> Uni<List<T>> list(String sql, Tuple args, Function<Row, T> mapper) {
        ReadRoute route = replicas.current();
        if (route == null) {
            return pool.preparedQuery(sql).execute(args).map(rows -> map(rows, mapper));
        }
        return Uni.createFrom().completionStage(() -> route.run(client -> client.preparedQuery(sql).execute(args.getDelegate()))
                .toCompletionStage()).map(rows -> {
                    List<T> out = new ArrayList<>(rows.size());
                    for (io.vertx.sqlclient.Row r : rows) {
                        out.add(mapper.apply(Row.newInstance(r)));
                    }
                    return out;
                });
    }

    /** The first row mapped, or null. */
    public <T> Uni<T> first(String sql, Tuple args, Function<Row, T> mapper) {
        return list(sql, args, mapper).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** A batch by parent keys: an empty key list asks nothing. */
    public <T> Uni<List<T>> batch(String sql, List<Long> keys, Tuple extra, Function<Row, T> mapper) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple args = Tuple.of(keys.toArray(new Long[0]));
        for (int i = 0; i < extra.size(); i++) {
            args.addValue(extra.getValue(i));
        }
        return list(sql, args, mapper);
    }

    private static <T> List<T> map(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(mapper.apply(r));
        }
        return out;
    }
}

package io.relgraph.replica;

import org.jboss.logging.Logger;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The commit position of one mutation answered by the mutation runner ({@code mutation.MutationRunner}):
 * the primary's WAL insert position read after its commit, which its response carries as
 * {@code X-Relgraph-Lsn} ({@link CommitPositions} says why that position and why after the commit).
 * The request pipeline makes one per such mutation; the runner keeps it in the Vert.x context the
 * mutation runs in, so that the write can read it on its own connection, where it costs no round trip
 * of its own and no wait for a free pooled connection:
 * <ul>
 * <li>one autocommit statement on the pool ({@link #autocommit}, the hot {@code updateLink}): the read
 * is sent on the same connection right behind the statement, without waiting for its answer;</li>
 * <li>the runner's transaction (a payload read in the write's transaction): read on that transaction's
 * connection once its {@code COMMIT} has answered, before the session gives the connection back.</li>
 * </ul>
 * A mutation whose write read none (a Panache service's own transaction opens and closes its session
 * itself) gets it read on the pool once its answer is complete ({@link #putOn}).
 */
public final class CommitPosition {

    /**
     * Read after the commit, never inside the write: a position read by the writing statement itself
     * ({@code RETURNING}) or in its transaction is short of its commit record.
     */
    public static final String STATEMENT = "select pg_current_wal_insert_lsn()::text";

    private static final Logger LOG = Logger.getLogger(CommitPosition.class);
    private static final String KEY = "relgraph.replica.commit-position";
    private static final CharSequence LSN = HttpHeaders.createOptimized(ReadReplicas.LSN_HEADER);

    private volatile boolean read;
    private volatile String position;

    /** Kept in {@code context} (the duplicated context the mutation runs in), where {@link #awaited()} finds it. */
    public void keepIn(Context context) {
        context.putLocal(KEY, this);
    }

    /**
     * The position the mutation served by the current Vert.x context awaits, or null: no mutation of the
     * runner (the resolver engine's mutations are given theirs by {@link CommitPositions}, once all their
     * fields have run), or not on a request's context.
     */
    public static CommitPosition awaited() {
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context) && context.getLocal(KEY) instanceof CommitPosition p ? p : null;
    }

    /**
     * One autocommit statement on the pool. When a mutation awaits its position ({@code position} not
     * null), the read of it is sent on the same connection right behind the statement, without waiting
     * for the statement's answer: the client pipelines commands on a connection (Vert.x 4.5's
     * {@code SocketConnectionBase.checkPending} writes each queued command while fewer than
     * {@code PgConnectOptions.pipeliningLimit}, 256, are in flight), and the statement's extended-query
     * messages end with Sync ({@code ExtendedQueryCommandCodec}), at which PostgreSQL commits it before it
     * reads the next message; so the read runs after the commit and both answers usually come back in one
     * round trip ({@code PipelinedCommitPositionTest} watches it on the wire; a statement the connection has
     * not prepared yet, or has evicted from its cache, is prepared first, a round trip of its own). The connection goes back to the
     * pool once both have answered. Only for a mutation's last write: a commit after it would not be counted.
     *
     * @return the statement's rows, or its failure; a failed read of the position only leaves the
     *         response without one
     */
    public static Future<RowSet<Row>> autocommit(Pool pool, CommitPosition position, String sql, Tuple arguments) {
        if (position == null) {
            return pool.preparedQuery(sql).execute(arguments);
        }
        return pool.withConnection(connection -> {
            Future<RowSet<Row>> written = connection.preparedQuery(sql).execute(arguments);
            // answers come in the order of the commands, so the position's is the later one
            return position.readOn(connection).transform(read -> written);
        }).onFailure(failure -> {
            if (!position.read) {
                position.none(); // no connection, so nothing was written: the response must not wait for the pool again
            }
        });
    }

    /**
     * The mutation committed nothing because the database could not be reached (or no connection was free
     * within {@code relgraph.db.pool.max-wait}): no position, and no second wait for the pool to read one.
     */
    public void none() {
        read = true;
    }

    /** The position as PostgreSQL spells it ({@code 16/B374D848}), or null: not read yet, or the read failed. */
    String value() {
        return position;
    }

    /** Reads the position on {@code client} now (see {@link #STATEMENT}); never fails: a failed read keeps no position. */
    public Future<Void> readOn(SqlClient client) {
        return kept(client.preparedQuery(STATEMENT).execute().map(rows -> rows.iterator().next().getString(0)));
    }

    /** Keeps what a read of {@link #STATEMENT} gave: its text, or no position when it failed. Never fails. */
    public Future<Void> kept(Future<String> positionRead) {
        read = true;
        return positionRead.transform(result -> {
            if (result.succeeded()) {
                position = result.result();
            } else {
                // the primary is away: the mutation's own answer says so; a later read simply has no position to wait for
                LOG.debugf("No WAL position for the mutation's response: %s", result.cause().getMessage());
            }
            return Future.succeededFuture();
        });
    }

    /**
     * Puts the position on the response, once read: by the write, or else now on {@code pool} (the
     * mutation's answer is complete, so its commits are done). No header when the read failed.
     */
    public Future<Void> putOn(HttpServerResponse response, Pool pool) {
        Future<Void> ready = read ? Future.succeededFuture() : readOn(pool);
        return ready.map(v -> {
            String p = position;
            if (p != null && !response.headWritten()) {
                response.putHeader(LSN, p);
            }
            return null;
        });
    }
}

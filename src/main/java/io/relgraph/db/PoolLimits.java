package io.relgraph.db;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.relgraph.RelgraphConfig;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * Overload sheds instead of piling up: a request waits at most {@code relgraph.db.pool.max-wait}
 * for a pooled connection, and at most {@code relgraph.db.pool.max-waiting} statements wait at once;
 * beyond either the statement fails at once and the client gets {@code UNAVAILABLE} (see
 * {@code ErrorMapper}). Quarkus 3.33 has no configuration of its own for these two pool options (its
 * reactive datasource settings stop at size, idle time and lifetime), so the pool Quarkus configured
 * is created here with them added; everything else (size, URL, credentials, the
 * {@code statement_timeout} startup parameter) is Quarkus' own.
 */
@Singleton
public class PoolLimits implements PgPoolCreator {

    /** Statements up to this many characters are prepared once per connection and kept (at most 256 each). */
    static final int PREPARED_SQL_LIMIT = 8_192;

    /**
     * A statement that starts with this comment is not kept prepared: it is parsed and planned for each
     * execution with its parameters' values (PostgreSQL plans the unnamed statement of each execution with
     * them). The read compiler marks a statement with a {@code startsWith} pattern so: with a kept statement,
     * PostgreSQL switches to one generic plan after five executions, in which {@code like $1} cannot use a
     * {@code text_pattern_ops} index's range, and the read visits every row (bench Q5: 236 ms against 57 ms).
     * The price: each execution is parsed and planned, and takes a round trip more (Parse, then Bind and Execute).
     */
    public static final String PLANNED_PER_EXECUTION = "/* planned per execution */ ";

    /** Which statements a connection keeps prepared: short enough and not {@link #PLANNED_PER_EXECUTION}. */
    public static boolean keptPrepared(String sql) {
        return sql.length() <= PREPARED_SQL_LIMIT && !sql.startsWith(PLANNED_PER_EXECUTION);
    }

    private final Duration maxWait;
    private final int maxWaiting;

    PoolLimits(RelgraphConfig config) {
        this.maxWait = config.db().pool().maxWait();
        this.maxWaiting = config.db().pool().maxWaiting();
    }

    @Override
    public Pool create(Input input) {
        PoolOptions options = new PoolOptions(input.poolOptions())
                .setConnectionTimeout((int) Math.max(1, maxWait.toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxWaitQueueSize(maxWaiting);
        // The read compiler's statements are one per document shape and often longer than the client's
        // default limit of 2,048 characters for caching a prepared statement; longer ones are parsed anew.
        input.pgConnectOptionsList().forEach(o -> o.setPreparedStatementCacheSqlFilter(PoolLimits::keptPrepared));
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), options);
    }
}

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
        input.pgConnectOptionsList().forEach(o -> o.setPreparedStatementCacheSqlLimit(PREPARED_SQL_LIMIT));
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), options);
    }
}

package io.relgraph.replica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import graphql.language.OperationDefinition;
import io.relgraph.RelgraphConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.relgraph.compiler.CompiledRead;
import io.relgraph.db.PoolLimits;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;

/**
 * The read replicas named by {@code relgraph.db.replica.urls} ({@code DB_READ_URL}), and the choice,
 * per request, of the server that answers a query.
 *
 * <p><b>Probe.</b> Every {@code relgraph.db.replica.probe-interval} each replica is asked whether it is a
 * standby, how far it has replayed ({@code pg_last_wal_replay_lsn()}) and when it replayed its last
 * transaction ({@code pg_last_xact_replay_timestamp()}); the primary is asked how far it has flushed its
 * WAL ({@code pg_current_wal_flush_lsn()}) just before. A replica that has replayed that far is 0 s behind;
 * one that has not is as far behind as its last replayed transaction is old (PostgreSQL's usual
 * measure; it overstates the lag only for the one probe after an idle spell). A replica that does not
 * answer, or is no standby, is down until a probe finds it again.
 *
 * <p><b>Choice</b> ({@link ReplicaChoice}): the replicas in turn, skipping one that is down or more than
 * {@code relgraph.db.replica.max-lag} behind; a read that sent {@code X-Relgraph-Min-Lsn} also skips one
 * whose last probed replay position is short of it, unless asking that replica now
 * ({@code pg_last_wal_replay_lsn()}) finds it far enough. No replica fits: the primary. A statement that
 * fails on a replica for the replica's sake (connection lost or refused, no free connection, the server
 * shutting down, a query cancelled by a conflict with recovery) is run again on the primary, and the
 * replica counts as down until the next probe: a replica's outage never reaches a client.
 *
 * <p><b>Metrics:</b> {@code relgraph.db.reads} (counter, tag {@code target}: {@code primary} or the
 * replica's {@code host:port}), {@code relgraph.db.replica.skips} (counter, tags {@code replica} and
 * {@code reason}: {@code down}, {@code lag}, {@code lsn}, {@code failed}),
 * {@code relgraph.db.replica.lag} (gauge, seconds; NaN while down) and {@code relgraph.db.replica.up}
 * (gauge, 1 or 0).
 */
@ApplicationScoped
public class ReadReplicas {

    private static final Logger LOG = Logger.getLogger(ReadReplicas.class);
    /** Every mutation's response header (replicas or not): the primary's WAL position after its commit. */
    public static final String LSN_HEADER = "X-Relgraph-Lsn";
    /** A read's request header: answer only from a server that has replayed this far. */
    public static final String MIN_LSN_HEADER = "X-Relgraph-Min-Lsn";
    /** Which kind of server answered a query ({@code primary} or {@code replica}), with replicas configured. */
    public static final String READ_HEADER = "X-Relgraph-Read";
    static final String ROUTE = "relgraph.replica.route";
    static final String COMMIT = "relgraph.replica.commit";
    private static final String PROBE = "select pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,"
            + " extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp())::float8";
    private static final String REPLAYED = "select pg_last_wal_replay_lsn()::text";
    private static final String PRIMARY_FLUSHED = "select pg_current_wal_flush_lsn()::text";
    /**
     * Statements on a replica take a connection first ({@code withConnection}) rather than the pool's
     * one-shot execute: with a connection timeout set, the latter leaves a timer behind when the server
     * refuses connections, which later fails an already failed promise and Vert.x logs it as an uncaught
     * exception on every probe of a down replica (eclipse-vertx/vertx-sql-client#1706).
     */
    static <T> Future<T> on(Pool pool, java.util.function.Function<io.vertx.sqlclient.SqlClient, Future<T>> statement) {
        return pool.withConnection(statement::apply);
    }


    private final List<Replica> replicas;
    private final Pool primary;
    private final Vertx vertx;
    private final Duration maxLag;
    private final Duration probeInterval;
    private final Counter primaryReads;
    private final AtomicInteger next = new AtomicInteger();
    private volatile long primaryFlushed = -1;
    private long timer = -1;

    ReadReplicas(RelgraphConfig config,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> primaryUser,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> primaryPassword,
            @ConfigProperty(name = "quarkus.datasource.reactive.additional-properties.statement_timeout") Optional<String> statementTimeout,
            io.vertx.mutiny.sqlclient.Pool primary, Vertx vertx, MeterRegistry registry) {
        RelgraphConfig.Db.Replica replica = config.db().replica();
        Optional<String> urls = replica.urls();
        Optional<String> user = replica.user();
        Optional<String> password = replica.password();
        Duration maxLag = replica.maxLag();
        Duration probeInterval = replica.probeInterval();
        int maxSize = replica.maxSize();
        Duration maxWait = config.db().pool().maxWait();
        int maxWaiting = config.db().pool().maxWaiting();
        this.primary = primary.getDelegate();
        this.vertx = vertx;
        this.maxLag = maxLag;
        this.probeInterval = probeInterval;
        this.primaryReads = Counter.builder("relgraph.db.reads").tag("target", "primary")
                .description("Queries answered, by the server that answered them").register(registry);
        List<Replica> made = new ArrayList<>();
        for (String url : urls.map(u -> Arrays.asList(u.split(","))).orElse(List.of())) {
            if (url.isBlank()) {
                continue;
            }
            PgConnectOptions connect = PgConnectOptions.fromUri(url.trim().replaceFirst("^jdbc:", ""));
            connect.setUser(user.or(() -> primaryUser).orElse(connect.getUser()));
            connect.setPassword(password.or(() -> primaryPassword).orElse(connect.getPassword() == null ? "" : connect.getPassword()));
            connect.setCachePreparedStatements(true).setPreparedStatementCacheSqlFilter(PoolLimits::keptPrepared);
            statementTimeout.ifPresent(t -> connect.addProperty("statement_timeout", t));
            PoolOptions pool = new PoolOptions().setMaxSize(maxSize)
                    .setConnectionTimeout((int) Math.max(1, maxWait.toMillis())).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                    .setMaxWaitQueueSize(maxWaiting);
            String name = connect.getHost() + ":" + connect.getPort();
            // the Vert.x client's own metrics (postgresql_*) per pool, apart from the primary's (clientName=<default>)
            connect.setMetricsName("replica " + name);
            pool.setName("relgraph-replica-" + made.size());
            made.add(new Replica(name, PgPool.pool(vertx, connect, pool), registry));
        }
        this.replicas = List.copyOf(made);
    }

    /** Whether any replica is configured; without one, nothing in this package acts. */
    public boolean enabled() {
        return !replicas.isEmpty();
    }

    void start(@Observes StartupEvent event) {
        if (!enabled()) {
            return;
        }
        LOG.infof("Read replicas: %s (max lag %s, probed every %s)", replicas.stream().map(r -> r.name).toList(),
                maxLag, probeInterval);
        probe();
        timer = vertx.setPeriodic(Math.max(10, probeInterval.toMillis()), id -> probe());
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        replicas.forEach(r -> r.pool.close());
    }

    /**
     * Called by the request pipeline for every operation that passed its checks, on the request's event
     * loop. Checks {@code X-Relgraph-Min-Lsn} (always, replicas or not: a client learns of a malformed
     * value where it develops, not only where replicas run); marks a mutation, in the request's Vert.x
     * context, for {@code X-Relgraph-Lsn} should the resolver engine answer it ({@link CommitPositions};
     * always, replicas or not); with replicas, a query gets its route (also kept in the request's Vert.x
     * context for the resolver engine's reads, {@link #current()}).
     *
     * @return the query's route, or null: the primary, as without replicas
     * @throws ApiException VALIDATION when the header is there and not a WAL position
     */
    public ReadRoute route(RoutingContext ctx, OperationDefinition.Operation operation) {
        String sent = ctx.request().getHeader(MIN_LSN_HEADER);
        long minLsn = -1;
        if (sent != null) {
            minLsn = Lsn.parse(sent);
            if (minLsn < 0) {
                throw new ApiException(ErrorCode.VALIDATION, "Header " + MIN_LSN_HEADER + " must be a WAL position as "
                        + LSN_HEADER + " gives it (two hexadecimal numbers, such as 0/16B3748), got \"" + shown(sent) + "\"");
            }
        }
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        if (operation == OperationDefinition.Operation.MUTATION) {
            ContextLocals.put(COMMIT, ctx.response());
            return null;
        }
        if (!enabled() || operation != OperationDefinition.Operation.QUERY) {
            return null;
        }
        ReadRoute route = new ReadRoute(this, minLsn, ctx.response());
        ContextLocals.put(ROUTE, route);
        return route;
    }

    /**
     * A mutation answered outside graphql-java ({@code mutation.MutationRunner}), its answer complete: puts
     * its {@code X-Relgraph-Lsn} on the response, as read by its write ({@link CommitPosition}) or, when the
     * write read none, read now on the primary. With or without replicas; when the primary does not answer,
     * the response simply has no position.
     */
    public Future<Void> commitPosition(io.vertx.core.http.HttpServerResponse response, CommitPosition position) {
        return position.putOn(response, primary);
    }

    /** Runs a compiled read where its route says (no route: on the primary, as {@code read} always did). */
    public Future<Buffer> execute(CompiledRead read, Map<String, Object> variables, ReadRoute route) {
        return route == null ? read.execute(variables) : route.run(client -> read.execute(variables, client));
    }

    /** The route of the query this Vert.x context serves (the resolver engine's reads), or null: the primary. */
    public ReadRoute current() {
        if (!enabled() || !VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        return ContextLocals.get(ROUTE, null) instanceof ReadRoute r ? r : null;
    }

    Pool primary() {
        return primary;
    }

    /** Chooses the server for one query: a replica that fits, else the primary (null). Counts the choice. */
    Future<Replica> choose(long minLsn) {
        int start = Math.floorMod(next.getAndIncrement(), replicas.size());
        ReplicaChoice.Choice choice = ReplicaChoice.choose(replicas.stream().map(Replica::state).toList(), start,
                maxLag.toMillis() / 1000.0, minLsn);
        for (int i : choice.downSkipped()) {
            replicas.get(i).skippedDown.increment();
        }
        for (int i : choice.lagSkipped()) {
            replicas.get(i).skippedLag.increment();
        }
        if (choice.chosen() >= 0) {
            return Future.succeededFuture(counted(replicas.get(choice.chosen())));
        }
        if (choice.recheck() < 0) {
            return Future.succeededFuture(counted(null));
        }
        Replica behind = replicas.get(choice.recheck());
        // its last probe was short of the client's position: it may have replayed that far since
        return behind.pool.withConnection(c -> c.query(REPLAYED).execute()).map(rows -> {
            long replayed = Lsn.parse(rows.iterator().next().getString(0));
            if (replayed >= 0 && Lsn.atLeast(replayed, minLsn)) {
                behind.replayed(replayed);
                return counted(behind);
            }
            behind.skippedLsn.increment();
            return counted(null);
        }).recover(e -> {
            failed(behind, e);
            return Future.succeededFuture(counted(null));
        });
    }

    private Replica counted(Replica r) {
        (r == null ? primaryReads : r.reads).increment();
        return r;
    }

    /**
     * Whether a statement's failure on a replica is the replica's, not the statement's: anything but an
     * answer of the server about the statement itself (a cancelled statement, a SQL error) is. A
     * statement_timeout (57014) stays the answer: running it again would wait twice.
     */
    static boolean isReplicaFault(Throwable e) {
        if (e instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53") || "40001".equals(state);
        }
        return true;
    }

    /** A statement or check failed on {@code r} for {@code r}'s sake: down until a probe finds it again. */
    void failed(Replica r, Throwable e) {
        r.skippedFailed.increment();
        if (r.up) {
            LOG.warnf("Read replica %s failed (%s): its reads go to the primary until it answers a probe again", r.name,
                    e.getMessage());
        }
        r.down();
    }

    private void probe() {
        primary.query(PRIMARY_FLUSHED).execute().onComplete(result -> {
            primaryFlushed = result.succeeded() ? Lsn.parse(result.result().iterator().next().getString(0)) : -1;
            for (Replica r : replicas) {
                if (!r.probing) {
                    r.probing = true;
                    long flushed = primaryFlushed;
                    r.pool.withConnection(c -> c.query(PROBE).execute()).onComplete(probed -> {
                        r.probing = false;
                        if (probed.failed()) {
                            if (r.up) {
                                LOG.warnf("Read replica %s does not answer (%s): its reads go elsewhere", r.name,
                                        probed.cause().getMessage());
                            }
                            r.down();
                            return;
                        }
                        Row row = probed.result().iterator().next();
                        if (!Boolean.TRUE.equals(row.getBoolean(0))) {
                            if (!r.warnedNotStandby) {
                                LOG.warnf("Read replica %s is not a standby (pg_is_in_recovery() is false): not used", r.name);
                                r.warnedNotStandby = true;
                            }
                            r.down();
                            return;
                        }
                        long replayed = Lsn.parse(row.getString(1));
                        Double sinceLastReplay = row.getDouble(2);
                        double lag = flushed >= 0 && replayed >= 0 && Lsn.atLeast(replayed, flushed) ? 0
                                : sinceLastReplay == null ? Double.POSITIVE_INFINITY : Math.max(0, sinceLastReplay);
                        if (!r.up) {
                            LOG.infof("Read replica %s answers (%.1f s behind): used for reads", r.name, lag);
                        }
                        r.probed(replayed, lag);
                    });
                }
            }
        });
    }

    private static String shown(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** One replica: its pool, what its last probe found, its meters. */
    static final class Replica {
        final String name;
        final Pool pool;
        final Counter reads;
        final Counter skippedDown;
        final Counter skippedLag;
        final Counter skippedLsn;
        final Counter skippedFailed;
        volatile boolean up;
        volatile long replayLsn = -1;
        volatile double lagSeconds = Double.NaN;
        volatile boolean probing;
        volatile boolean warnedNotStandby;

        Replica(String name, Pool pool, MeterRegistry registry) {
            this.name = name;
            this.pool = pool;
            this.reads = Counter.builder("relgraph.db.reads").tag("target", name)
                    .description("Queries answered, by the server that answered them").register(registry);
            this.skippedDown = skips(registry, "down");
            this.skippedLag = skips(registry, "lag");
            this.skippedLsn = skips(registry, "lsn");
            this.skippedFailed = skips(registry, "failed");
            Gauge.builder("relgraph.db.replica.lag", this, r -> r.lagSeconds).tag("replica", name).baseUnit("seconds")
                    .description("How far the replica's replay is behind the primary (NaN while it is down)").register(registry);
            Gauge.builder("relgraph.db.replica.up", this, r -> r.up ? 1 : 0).tag("replica", name)
                    .description("Whether the replica answered its last probe as a standby").register(registry);
        }

        private Counter skips(MeterRegistry registry, String reason) {
            return Counter.builder("relgraph.db.replica.skips").tag("replica", name).tag("reason", reason)
                    .description("Queries not answered by a replica, by why").register(registry);
        }

        ReplicaChoice.State state() {
            return new ReplicaChoice.State(up, lagSeconds, replayLsn);
        }

        void probed(long replayed, double lag) {
            replayLsn = replayed;
            lagSeconds = lag;
            up = true;
        }

        /** A position this replica was seen to have replayed (positions only grow while it runs). */
        void replayed(long lsn) {
            long known = replayLsn;
            if (known < 0 || Lsn.atLeast(lsn, known)) {
                replayLsn = lsn;
            }
        }

        void down() {
            up = false;
            replayLsn = -1;
            lagSeconds = Double.NaN;
        }
    }
}

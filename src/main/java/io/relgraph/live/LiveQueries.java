package io.relgraph.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.execution.DataFetcherResult;
import io.relgraph.RelgraphConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.relgraph.compiler.CompiledRead;
import io.relgraph.events.ChangeFeed;
import io.relgraph.events.SubscriberSocket;
import io.relgraph.graphql.ErrorMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The instance's live queries, one {@link LiveQuery} per distinct (document, operation, variables),
 * shared by all its subscribers, and the link to the change feed: a committed change to a table
 * re-runs every live query that reads it; the LISTEN connection coming back re-runs all of them.
 *
 * <p>Metrics: {@code relgraph.live.queries} (distinct live queries now), {@code relgraph.live.subscribers},
 * {@code relgraph.live.runs} (statements run for live queries), {@code relgraph.live.messages} (answers
 * sent), {@code relgraph.live.subscriptions} (started), {@code relgraph.live.changes} (table changes received).
 */
@ApplicationScoped
public class LiveQueries implements ChangeFeed.TableWatcher {

    /** What makes two subscriptions the same live query. */
    record Key(String document, String operationName, Map<String, Object> variables) {
    }

    private final ChangeFeed feed;
    private final Vertx vertx;
    private final long minIntervalMillis;
    private final Map<Key, LiveQuery> queries = new ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Counter runs;
    private final Counter messages;
    private final Counter started;
    private final Counter changes;

    public LiveQueries(ChangeFeed feed, Vertx vertx, MeterRegistry registry,
            RelgraphConfig config) {
        Duration minInterval = config.live().minInterval();
        this.feed = feed;
        this.vertx = vertx;
        this.minIntervalMillis = minInterval.toMillis();
        this.runs = Counter.builder("relgraph.live.runs").description("Statements run for live queries (first answers and re-runs)")
                .register(registry);
        this.messages = Counter.builder("relgraph.live.messages").description("Live query answers sent to subscribers").register(registry);
        this.started = Counter.builder("relgraph.live.subscriptions").description("Live query subscriptions started").register(registry);
        this.changes = Counter.builder("relgraph.live.changes").description("Committed table changes received (one per table and transaction)")
                .register(registry);
        registry.gauge("relgraph.live.queries", queries, Map::size);
        registry.gauge("relgraph.live.subscribers", subscribers);
    }

    void start(@Observes StartupEvent event) {
        feed.watchTables(this);
    }

    /**
     * The answers of a live query for one subscriber: the current one first, then each different one;
     * delivered on the calling (WebSocket) context, only while its socket can take more, and only the
     * latest when it cannot; ended with {@code UNAUTHORIZED} at {@code deadline} (its token's expiry) unless that is null.
     */
    Multi<DataFetcherResult<Object>> subscribe(Key key, CompiledRead read, Set<String> tables, String responseKey, Instant deadline) {
        Context current = Vertx.currentContext();
        Context context = current != null ? current : vertx.getOrCreateContext();
        SubscriberSocket socket = SubscriberSocket.current(current, () -> {
        });
        return Multi.createFrom().<DataFetcherResult<Object>> emitter(emitter -> {
            LiveSubscriber subscriber = new LiveSubscriber(emitter, context, vertx, minIntervalMillis, messages::increment);
            if (deadline != null) {
                subscriber.endAt(deadline);
            }
            started.increment();
            subscribers.incrementAndGet();
            LiveQuery query;
            do {
                query = queries.computeIfAbsent(key, k -> new LiveQuery(this, k, read, k.variables(), tables, responseKey, vertx,
                        minIntervalMillis));
            } while (!query.add(subscriber));
            LiveQuery joined = query;
            emitter.onTermination(() -> {
                subscriber.end();
                joined.remove(subscriber);
                subscribers.decrementAndGet();
            });
        }, BackPressureStrategy.LATEST)
                .onItem().call(item -> socket == null ? Uni.createFrom().voidItem() : socket.writable());
    }

    /**
     * Succeeds when the query can be answered: at once when its live query has an answer already, else
     * after running its statement once; fails with the error the subscription must be refused with.
     */
    Future<Void> answerable(Key key, CompiledRead read) {
        LiveQuery existing = queries.get(key);
        if (existing != null && existing.answered()) {
            return Future.succeededFuture();
        }
        return read.execute(key.variables()).transform(result -> {
            if (result.failed()) {
                return Future.failedFuture(ErrorMapper.map(result.cause()));
            }
            return result.result() == null ? Future.failedFuture(LiveQuery.overPageLimit(false)) : Future.succeededFuture();
        });
    }

    void ran() {
        runs.increment();
    }

    void closed(Key key, LiveQuery query) {
        queries.remove(key, query);
    }

    @Override
    public void changed(String table) {
        changes.increment();
        for (LiveQuery q : queries.values()) {
            if (q.reads(table)) {
                q.invalidate();
            }
        }
    }

    @Override
    public void listeningAgain() {
        queries.values().forEach(LiveQuery::invalidate);
    }
}

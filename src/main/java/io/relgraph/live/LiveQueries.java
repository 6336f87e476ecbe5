package io.relgraph.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.execution.DataFetcherResult;
import io.relgraph.RelgraphConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.relgraph.compiler.CompiledRead;
import io.relgraph.events.ByteMessages;
import io.relgraph.events.ChangeFeed;
import io.relgraph.events.MessageSink;
import io.relgraph.events.SubscriberSocket;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorMapper;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

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
    /** The runs that decide whether a query can be answered, while they run (see {@link #answerable}). */
    private final Map<Key, Future<Void>> checks = new ConcurrentHashMap<>();
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
     * ended with {@code UNAUTHORIZED} at {@code deadline} (its token's expiry) unless that is null.
     * Either as graphql-java's results through Mutiny ({@link Answers#results}: delivered on the calling
     * (WebSocket) context, only while its socket can take more, and only the latest when it cannot), or
     * as the shared answers' bytes on relgraph's WebSocket connection ({@link Answers#deliver}).
     */
    Answers subscribe(Key key, CompiledRead read, Set<String> tables, String responseKey, Instant deadline) {
        Context current = Vertx.currentContext();
        Context context = current != null ? current : vertx.getOrCreateContext();
        SubscriberSocket socket = SubscriberSocket.current(current, () -> {
        });
        Multi<DataFetcherResult<Object>> results = Multi.createFrom().<DataFetcherResult<Object>> emitter(emitter -> {
            Runnable stop = start(key, read, tables, responseKey, deadline, new LiveSubscriber.Out() {
                @Override
                public void emit(LiveQuery.Answer answer) {
                    context.runOnContext(v -> emitter.emit(answer.result()));
                }

                @Override
                public void fail(ApiException error, LiveQuery.Answer last) {
                    // with the last answer it was sent: graphql-java refuses a null for a non-null root (a list, a page)
                    Object data = last == null ? null : last.result().getData();
                    context.runOnContext(v -> {
                        emitter.emit(DataFetcherResult.newResult().data(data).error(error).build());
                        emitter.complete();
                    });
                }
            });
            emitter.onTermination(stop);
        }, BackPressureStrategy.LATEST)
                .onItem().call(item -> socket == null ? Uni.createFrom().voidItem() : socket.writable());
        return new Answers(results, sink -> {
            BytesOut out = new BytesOut(sink);
            out.stop = start(key, read, tables, responseKey, deadline, out);
            return out.stop;
        });
    }

    /** One subscriber's answers, for either transport. */
    record Answers(Multi<DataFetcherResult<Object>> results, ByteMessages bytes) {
        Runnable deliver(MessageSink sink) {
            return bytes.deliver(sink);
        }
    }

    /** Joins the live query (or starts it) with one more subscriber; returns how to leave it. */
    private Runnable start(Key key, CompiledRead read, Set<String> tables, String responseKey, Instant deadline, LiveSubscriber.Out out) {
        LiveSubscriber subscriber = new LiveSubscriber(out, vertx, minIntervalMillis, messages::increment);
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
        AtomicBoolean left = new AtomicBoolean();
        return () -> {
            if (left.compareAndSet(false, true)) {
                subscriber.end();
                joined.remove(subscriber);
                subscribers.decrementAndGet();
            }
        };
    }

    /**
     * A subscriber on relgraph's WebSocket connection: each answer's {@code next} payload, made once per
     * answer, written on the socket's event loop; while the socket cannot take more, only the newest
     * answer waits (as the Mutiny path keeps only the latest).
     */
    private static final class BytesOut implements LiveSubscriber.Out {
        private final MessageSink sink;
        /** The answer waiting for the socket (event loop only). */
        private LiveQuery.Answer waiting;
        /** Leaves the live query (set on the loop before any message of this subscriber is written). */
        private volatile Runnable stop;

        BytesOut(MessageSink sink) {
            this.sink = sink;
        }

        @Override
        public void emit(LiveQuery.Answer answer) {
            sink.loop().execute(() -> {
                if (sink.cancelled()) {
                    return;
                }
                if (waiting != null || !sink.writable()) {
                    if (waiting == null) {
                        sink.whenWritable(this::drain);
                    }
                    waiting = answer;
                    return;
                }
                sink.next(answer.payload());
            });
        }

        private void drain() {
            LiveQuery.Answer next = waiting;
            waiting = null;
            sink.whenWritable(null);
            if (next != null && !sink.cancelled()) {
                sink.next(next.payload());
            }
        }

        @Override
        public void fail(ApiException error, LiveQuery.Answer last) {
            ExecutionResult result = ExecutionResultImpl.newExecutionResult().data(null).addError(error).build();
            String errors = new ExecutionResponse(result).getExecutionResultAsJsonObject().getJsonArray("errors").toString();
            // with the last answer it was sent, as graphql-java completes it on the other path
            Buffer payload = Buffer.buffer("{\"data\":").appendBuffer(last == null ? Buffer.buffer("null") : last.bytes())
                    .appendString(",\"errors\":").appendString(errors).appendString("}");
            sink.loop().execute(() -> {
                waiting = null;
                sink.whenWritable(null);
                sink.next(payload.getBytes());
                sink.complete();
                stop.run();
            });
        }
    }

    /**
     * Succeeds when the query can be answered: at once when its live query has an answer already, else
     * after running its statement once; fails with the error the subscription must be refused with.
     * Subscribers of the same query that arrive before it has an answer share one such run (a thousand
     * clients subscribing at once to fifty queries run fifty statements here, not a thousand).
     */
    Future<Void> answerable(Key key, CompiledRead read) {
        LiveQuery existing = queries.get(key);
        if (existing != null && existing.answered()) {
            return Future.succeededFuture();
        }
        Promise<Void> check = Promise.promise();
        Future<Void> running = checks.putIfAbsent(key, check.future());
        if (running != null) {
            return running;
        }
        read.execute(key.variables()).<Void> transform(result -> {
            if (result.failed()) {
                return Future.failedFuture(ErrorMapper.map(result.cause()));
            }
            return result.result() == null ? Future.failedFuture(LiveQuery.overPageLimit(false)) : Future.succeededFuture();
        }).onComplete(r -> {
            checks.remove(key, check.future());
            check.handle(r);
        });
        return check.future();
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

package io.relgraph.events;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.relgraph.RelgraphConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * The instance's one LISTEN connection and the fan-out to its subscribers.
 * <p>
 * A Vert.x {@link PgSubscriber} holds the connection to the same database the application uses
 * (Quarkus' reactive URL, whichever way {@code db.DatabaseConfigSourceFactory} chose it). When the
 * connection drops, the subscriber reconnects every {@code relgraph.events.reconnect-interval}, for
 * as long as it takes, and LISTENs again; GraphQL subscribers never notice, except that changes
 * committed while it was down are not delivered (NOTIFY reaches only connected listeners).
 * <p>
 * Notifications arrive on one event loop and go into a {@link BroadcastProcessor} in arrival (= commit)
 * order. Each subscriber reads from it through its own filter and a buffer of
 * {@code relgraph.events.subscriber-buffer} events, and is served on its own WebSocket's event loop,
 * only while that socket can take more ({@link SubscriberSocket}): a slow subscriber, slow to resolve
 * its selection or slow to read, fills only its own buffer. When that buffer is full the subscriber is ended with
 * one {@code LIMIT_EXCEEDED} error (it has missed events, and must re-read and subscribe again);
 * nobody else waits, and memory stays bounded.
 */
@ApplicationScoped
public class ChangeFeed {

    static final String CHANNEL = "relgraph_events";
    /** Table names, one notification per table a transaction changed (migration V3_17__live_query_tables.sql). */
    static final String TABLES_CHANNEL = "relgraph_tables";
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

    private final Vertx vertx;
    private final BroadcastProcessor<Object> changes = BroadcastProcessor.create();
    private final PgConnectOptions connectOptions;
    private final int bufferSize;
    private final Duration reconnectInterval;
    private final Counter received;
    private final Counter overflows;
    private final Counter reconnects;
    private final Counter started;
    private final Counter socketWaits;
    private final AtomicInteger subscribers = new AtomicInteger();
    private final List<TableWatcher> tableWatchers = new CopyOnWriteArrayList<>();
    private volatile boolean tablesEverListened;
    private volatile boolean listening;
    private volatile boolean stopped;
    private volatile boolean everListened;
    private PgSubscriber subscriber;

    public ChangeFeed(Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            RelgraphConfig config) {
        int bufferSize = config.events().subscriberBuffer();
        Duration reconnectInterval = config.events().reconnectInterval();
        this.vertx = vertx;
        this.bufferSize = bufferSize;
        this.reconnectInterval = reconnectInterval;
        this.connectOptions = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", "").split(",")[0])
                .setTcpKeepAlive(true)
                .setMetricsName("relgraph-events-listen");
        user.ifPresent(connectOptions::setUser);
        password.ifPresent(connectOptions::setPassword);
        this.received = Counter.builder("relgraph.events.received").description("Change notifications received").register(registry);
        this.overflows = Counter.builder("relgraph.events.overflows")
                .description("Subscriptions ended because their buffer was full").register(registry);
        this.reconnects = Counter.builder("relgraph.events.reconnects")
                .description("Times the LISTEN connection was established again after a loss").register(registry);
        this.started = Counter.builder("relgraph.events.subscriptions")
                .description("Subscriptions started (each now receives every matching change)").register(registry);
        this.socketWaits = Counter.builder("relgraph.events.socket.waits")
                .description("Times a subscriber's event waited for its WebSocket to drain (a slow reader)").register(registry);
        registry.gauge("relgraph.events.subscribers", subscribers);
        registry.gauge("relgraph.events.listening", this, feed -> feed.listening ? 1 : 0);
    }

    void start(@Observes StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, connectOptions).reconnectPolicy(attempt -> {
            if (stopped) {
                return -1L;
            }
            if (attempt == 0) {
                listening = false;
                LOG.warnf("The LISTEN connection to the database was lost; reconnecting every %d ms. "
                        + "Changes committed until it is back are not delivered to this instance's subscribers.",
                        reconnectInterval.toMillis());
            }
            return reconnectInterval.toMillis();
        });
        subscriber.channel(CHANNEL)
                .handler(this::publish)
                .subscribeHandler(v -> {
                    if (everListened) {
                        reconnects.increment();
                        LOG.infof("Listening for changes on channel %s again", CHANNEL);
                    } else {
                        LOG.infof("Listening for changes on channel %s", CHANNEL);
                    }
                    everListened = true;
                    listening = true;
                });
        subscriber.channel(TABLES_CHANNEL)
                .handler(this::tableChanged)
                .subscribeHandler(v -> {
                    // LISTEN is in place again: what was committed while it was not is unknown, so every watcher starts over
                    if (tablesEverListened) {
                        tableWatchers.forEach(TableWatcher::listeningAgain);
                    }
                    tablesEverListened = true;
                });
        connect();
    }

    /**
     * Who is told of committed changes per table (live queries): each table a transaction changed,
     * once, after its commit; and that the LISTEN connection is back after a loss, when changes may
     * have been missed. Called on the LISTEN connection's event loop: a watcher must not block.
     */
    public interface TableWatcher {
        void changed(String table);

        void listeningAgain();
    }

    public void watchTables(TableWatcher watcher) {
        tableWatchers.add(watcher);
    }

    private void tableChanged(String table) {
        for (TableWatcher w : tableWatchers) {
            try {
                w.changed(table);
            } catch (RuntimeException e) {
                LOG.errorf(e, "A table watcher failed on a change of %s", table);
            }
        }
    }

    /** The first connection: PgSubscriber reconnects only a connection it once had, so retry here until it is up. */
    private void connect() {
        subscriber.connect().onFailure(e -> {
            if (stopped) {
                return;
            }
            LOG.warnf("Cannot LISTEN yet (%s); trying again in %d ms", e.getMessage(), reconnectInterval.toMillis());
            vertx.setTimer(reconnectInterval.toMillis(), t -> connect());
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        changes.onComplete();
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** Whether the LISTEN connection is up (changes committed now will be delivered). */
    public boolean listening() {
        return listening;
    }

    private void publish(String payload) {
        received.increment();
        Object change;
        try {
            change = parse(new JsonObject(payload));
        } catch (RuntimeException e) {
            LOG.errorf("Ignoring a notification relgraph cannot read: %s (%s)", payload, e.getMessage());
            return;
        }
        changes.onNext(change);
    }

    static Object parse(JsonObject json) {
        return switch (json.getString("on")) {
            case "link" -> new LinkEvent(ChangeKind.valueOf(json.getString("kind")), json.getLong("departmentId"),
                    json.getLong("employeeId"), json.getString("extraData"));
            case "department" -> new DepartmentEvent(DepartmentChangeKind.valueOf(json.getString("kind")), json.getLong("id"));
            case "key" -> new KeyChangeEvent(KeyedEntity.valueOf(json.getString("entity")), json.getLong("oldId"),
                    json.getLong("newId"));
            default -> throw new IllegalArgumentException("unknown event source " + json.getString("on"));
        };
    }

    /**
     * The changes of one type that pass the filter, from now on, for one subscriber: buffered up to
     * {@code relgraph.events.subscriber-buffer} events, delivered on the caller's Vert.x context (the
     * subscriber's WebSocket), ended with {@code LIMIT_EXCEEDED} when the buffer overflows.
     */
    public <T> Multi<T> changes(Class<T> type, Predicate<T> filter) {
        return deliver(all(type, filter));
    }

    /** The changes of one type that pass the filter, from now on, unbuffered (a shared stream buffers per subscriber itself). */
    <T> Multi<T> all(Class<T> type, Predicate<T> filter) {
        return changes.filter(type::isInstance).map(type::cast).filter(filter);
    }

    /**
     * One subscriber's side of a stream of events (the feed's, or a shared stream's answers): buffered
     * up to {@code relgraph.events.subscriber-buffer} items, delivered on the caller's Vert.x context
     * (the subscriber's WebSocket) only while its socket can take more, failed with
     * {@code LIMIT_EXCEEDED} when the buffer overflows. Call it on the thread that starts the subscription.
     */
    <T> Multi<T> deliver(Multi<T> source) {
        Context context = Vertx.currentContext();
        SubscriberSocket socket = SubscriberSocket.current(context, socketWaits::increment);
        Executor deliver = context != null ? task -> context.runOnContext(v -> task.run()) : Infrastructure.getDefaultExecutor();
        return source
                .onOverflow().buffer(bufferSize)
                .emitOn(deliver, 16)
                .onItem().call(item -> socket == null ? Uni.createFrom().voidItem() : socket.writable())
                .onFailure(BackPressureFailure.class).transform(e -> overflow())
                .onSubscription().invoke(() -> {
                    subscribers.incrementAndGet();
                    started.increment();
                })
                .onTermination().invoke(() -> subscribers.decrementAndGet());
    }

    /** A subscriber outside {@link #deliver} (a shared selection's on relgraph's WebSocket connection) started. */
    void subscriberStarted() {
        subscribers.incrementAndGet();
        started.increment();
    }

    void subscriberEnded() {
        subscribers.decrementAndGet();
    }

    /** A subscriber's message waited for its WebSocket to drain. */
    void socketWaited() {
        socketWaits.increment();
    }

    /** The error of a subscriber that fell a buffer behind (counted). */
    ApiException overflow() {
        overflows.increment();
        return new ApiException(ErrorCode.LIMIT_EXCEEDED, "This subscriber fell more than " + bufferSize
                + " events behind and was ended: events were missed. Re-read what you need and subscribe again.");
    }

    int bufferSize() {
        return bufferSize;
    }
}

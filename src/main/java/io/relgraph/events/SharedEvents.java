package io.relgraph.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

import graphql.ExecutionResult;
import graphql.execution.CoercedVariables;
import graphql.execution.ExecutionContext;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.micrometer.core.instrument.Counter;
import io.quarkus.arc.Unremovable;
import io.micrometer.core.instrument.MeterRegistry;
import io.relgraph.auth.TokenDeadline;
import io.relgraph.compiler.ReadCompiler;
import io.relgraph.RelgraphConfig;
import io.relgraph.estimate.RowEstimates;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.request.QueryCost;
import io.relgraph.graphql.ErrorMapper;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import mutiny.zero.flow.adapters.AdaptersToReactiveStreams;

/**
 * Event subscriptions answered once per distinct selection, not once per subscriber: subscriptions
 * with the same document, operation and variables share one {@link Stream}, which takes each
 * matching change from the {@link ChangeFeed}, answers it once ({@link EventSelection}: the event's
 * fields, and its {@code link} / {@code department} reads in one compiled statement) and hands the
 * same message to every subscriber, in commit order. Each subscriber keeps its own bounded buffer and
 * socket back-pressure. On relgraph's graphql-transport-ws connections ({@link WsConnection}) the
 * message is rendered to JSON once ({@code {"data":...}}, as SmallRye renders it) and each subscriber
 * is written only its {@code next} frame around those bytes: one task per event loop and event
 * writes the frames of all that loop's subscribers, and each socket is flushed once after it; a subscriber whose
 * socket is not writable keeps the bytes in its own queue of {@code relgraph.events.subscriber-buffer}
 * messages ({@link Delivery}). Other transports (SmallRye's graphql-ws) take the shared results
 * through a Mutiny pipeline per subscriber ({@link ChangeFeed#deliver}). Who may subscribe is decided per operation
 * before this ({@code auth.OperationGuard}), and nothing in an event's answer depends on who asks,
 * so the subscriber's token is not part of what is shared.
 *
 * <p>Metrics: {@code relgraph.events.selections} (distinct shared selections now),
 * {@code relgraph.events.answers} (events answered: one per event and distinct selection).
 */
/* looked up by EventExecution, which SmallRye makes outside CDI */
@Unremovable
@ApplicationScoped
public class SharedEvents {

    /** What makes two event subscriptions the same. */
    record Key(String document, String operationName, Map<String, Object> variables) {
    }

    private final ChangeFeed feed;
    private final ReadCompiler compiler;
    private final Map<Key, Stream> streams = new ConcurrentHashMap<>();
    private final Counter answers;
    private final RowEstimates estimates;
    private final long maxRowVisits;
    private final int maxPage;

    public SharedEvents(ChangeFeed feed, ReadCompiler compiler, MeterRegistry registry, RowEstimates estimates, RelgraphConfig config) {
        this.feed = feed;
        this.compiler = compiler;
        this.estimates = estimates;
        this.maxRowVisits = config.graphql().maxRowVisits();
        this.maxPage = config.maxPageSize();
        this.answers = Counter.builder("relgraph.events.answers")
                .description("Events answered for subscribers: one per event and distinct selection, however many subscribe to it")
                .register(registry);
        registry.gauge("relgraph.events.selections", streams, Map::size);
    }

    /**
     * One subscriber's messages of the operation being started, or null when its selection cannot be
     * shared (the resolvers answer it then). Call it on the thread that starts the subscription. When
     * {@code deadline} is not null, the messages end with {@code UNAUTHORIZED} then (its token's expiry).
     *
     * @throws ApiException for an argument the API refuses
     */
    Messages subscribe(ExecutionContext context, String document, Instant deadline) {
        EventSelection selection = EventSelection.of(context, compiler, this::limit);
        if (selection == null) {
            return null;
        }
        Key key = new Key(document, context.getOperationDefinition().getName(), context.getCoercedVariables().toMap());
        Multi<ExecutionResult> joined = Multi.createFrom().deferred(() -> {
            Stream s = join(key, selection);
            return s.out.onTermination().invoke(s::leave);
        });
        Multi<ExecutionResult> perSubscriber = feed.deliver(joined).onFailure().recoverWithItem(e -> EventSelection.error(ErrorMapper.map(e)));
        return new Messages(key, selection, deadline, AdaptersToReactiveStreams.publisher(EventExecution.Strategy.until(perSubscriber, deadline)));
    }

    private Stream join(Key key, EventSelection selection) {
        Stream stream;
        do {
            stream = streams.computeIfAbsent(key, k -> new Stream(k, selection));
        } while (!stream.join());
        return stream;
    }

    /** The JSON of a message's payload, as SmallRye renders it ({@code {"data":...,"errors":[...]}}). */
    private static byte[] render(ExecutionResult result) {
        return new ExecutionResponse(result).getExecutionResultAsJsonObject().toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One subscriber's messages of a shared selection: a {@link Publisher} of the shared results for a
     * transport that renders each message itself (SmallRye's), or, on relgraph's graphql-transport-ws
     * connection, {@link #deliver} of the shared bytes.
     */
    final class Messages implements Publisher<ExecutionResult> {
        private final Key key;
        private final EventSelection selection;
        private final Instant deadline;
        private final Publisher<ExecutionResult> perSubscriber;

        private Messages(Key key, EventSelection selection, Instant deadline, Publisher<ExecutionResult> perSubscriber) {
            this.key = key;
            this.selection = selection;
            this.deadline = deadline;
            this.perSubscriber = perSubscriber;
        }

        @Override
        public void subscribe(Subscriber<? super ExecutionResult> subscriber) {
            perSubscriber.subscribe(subscriber);
        }

        /** Starts writing this subscription's messages to the operation; call it on the operation's event loop. Returns how to stop it. */
        Runnable deliver(WsConnection.Operation op) {
            Stream stream = join(key, selection);
            EventLoop eventLoop = op.connection().loop();
            Loop loop = stream.loops.computeIfAbsent(eventLoop, Loop::new);
            Delivery delivery = new Delivery(stream, loop, op);
            loop.members.add(delivery);
            feed.subscriberStarted();
            if (deadline != null) {
                long millis = Math.max(1, deadline.toEpochMilli() - System.currentTimeMillis());
                delivery.expiry = eventLoop.schedule(() -> delivery.fail(TokenDeadline.expired(deadline)), millis, TimeUnit.MILLISECONDS);
            }
            return () -> {
                if (eventLoop.inEventLoop()) {
                    delivery.end();
                } else {
                    eventLoop.execute(delivery::end);
                }
            };
        }
    }

    /** A selection's subscribers on one event loop: each message is written to all of them in one task of that loop. */
    private final class Loop {
        private final EventLoop eventLoop;
        /** Touched on the event loop only. */
        private final List<Delivery> members = new ArrayList<>();

        Loop(EventLoop eventLoop) {
            this.eventLoop = eventLoop;
        }

        void post(byte[] payload) {
            eventLoop.execute(() -> {
                for (Delivery d : members.toArray(new Delivery[0])) {
                    d.offer(payload);
                }
            });
        }

        void fail(ApiException error) {
            eventLoop.execute(() -> {
                for (Delivery d : members.toArray(new Delivery[0])) {
                    d.fail(error);
                }
            });
        }
    }

    /**
     * One subscriber on relgraph's WebSocket connection, on its event loop: written at once while its
     * socket is writable, else queued (bounded: {@code LIMIT_EXCEEDED} and the end when full), in order.
     */
    private final class Delivery {
        private final Stream stream;
        private final Loop loop;
        private final WsConnection.Operation op;
        private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
        private ScheduledFuture<?> expiry;
        private boolean ended;

        Delivery(Stream stream, Loop loop, WsConnection.Operation op) {
            this.stream = stream;
            this.loop = loop;
            this.op = op;
        }

        /** Writes the message (flushed once the loop has written this event to all its subscribers), or queues it. */
        void offer(byte[] payload) {
            if (ended) {
                return;
            }
            if (op.cancelled()) {
                end();
                return;
            }
            if (!waiting.isEmpty() || !op.connection().isWritable()) {
                if (waiting.size() >= feed.bufferSize()) {
                    fail(feed.overflow());
                    return;
                }
                if (waiting.isEmpty()) {
                    feed.socketWaited();
                    op.onWritable = this::drain;
                }
                waiting.add(payload);
                return;
            }
            op.nextNow(payload);
        }

        /** The socket can take more: what waited, in order, while it can. */
        private void drain() {
            while (!ended && !waiting.isEmpty() && op.connection().isWritable()) {
                op.nextNow(waiting.poll());
            }
            if (waiting.isEmpty()) {
                op.onWritable = null;
            }
        }

        /** Ends the subscription with one error message (what waited is dropped: it fell behind, or its token expired). */
        void fail(ApiException error) {
            if (ended) {
                return;
            }
            end();
            if (!op.cancelled()) {
                op.nextNow(render(EventSelection.error(error)));
                op.completeNow();
            }
        }

        void end() {
            if (ended) {
                return;
            }
            ended = true;
            waiting.clear();
            op.onWritable = null;
            if (expiry != null) {
                expiry.cancel(false);
            }
            loop.members.remove(this);
            stream.leave();
            feed.subscriberEnded();
        }
    }

    /**
     * An event's reads are held to what a query is held to where the WebSocket's own limits (depth,
     * fields) do not reach: the rows their wheres may visit, estimated once, when it subscribes.
     */
    private void limit(GraphQLSchema schema, Document query, Map<String, Object> variables) {
        String refusal;
        try {
            refusal = QueryCost.of(schema, query, null, CoercedVariables.of(variables), estimates.current(), maxPage).visitsRefusal(maxRowVisits);
        } catch (RuntimeException argument) {
            // an argument the query's stricter scalars refuse (an ID that is no number): the compiled read refuses it, per event, as before
            return;
        }
        if (refusal != null) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, refusal);
        }
    }

    /** The answers of one distinct selection, for all its subscribers. */
    private final class Stream {
        private final Key key;
        private final EventSelection selection;
        private final BroadcastProcessor<ExecutionResult> out = BroadcastProcessor.create();
        /** The subscribers on relgraph's WebSocket connections, by event loop. */
        private final Map<EventLoop, Loop> loops = new ConcurrentHashMap<>();
        /** Events being answered, in commit order: an answer is handed on once those before it are. */
        private final ArrayDeque<Pending> pending = new ArrayDeque<>();
        private final Cancellable upstream;
        // guarded by this
        private int subscribers;
        private boolean closed;

        Stream(Key key, EventSelection selection) {
            this.key = key;
            this.selection = selection;
            this.upstream = feed.all(Object.class, selection::accepts).subscribe().with(this::answer);
        }

        synchronized boolean join() {
            if (closed) {
                return false;
            }
            subscribers++;
            return true;
        }

        void leave() {
            synchronized (this) {
                if (--subscribers > 0 || closed) {
                    return;
                }
                closed = true;
            }
            upstream.cancel();
            streams.remove(key, this);
        }

        private void answer(Object event) {
            Pending p = new Pending();
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (pending.size() >= feed.bufferSize()) {
                    // the database cannot answer this selection's reads as fast as events come: every subscriber has fallen behind
                    closed = true;
                    pending.clear();
                    streams.remove(key, this);
                    upstream.cancel();
                    ApiException overflow = feed.overflow();
                    out.onError(overflow);
                    loops.values().forEach(l -> l.fail(overflow));
                    return;
                }
                pending.add(p);
            }
            answers.increment();
            selection.answer(event).onComplete(r -> {
                p.result = r.succeeded() ? r.result() : EventSelection.error(ErrorMapper.map(r.cause()));
                drain();
            });
        }

        /** Hands on the answers that are ready, in order (one at a time: the processor is not for concurrent callers). */
        private synchronized void drain() {
            Pending head;
            while ((head = pending.peek()) != null && head.result != null) {
                pending.poll();
                if (!closed) {
                    out.onNext(head.result);
                    if (!loops.isEmpty()) {
                        byte[] payload = render(head.result); // once for all subscribers on relgraph's connections
                        loops.values().forEach(l -> l.post(payload));
                    }
                }
            }
        }
    }

    private static final class Pending {
        volatile ExecutionResult result;
    }
}

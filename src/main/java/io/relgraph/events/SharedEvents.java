package io.relgraph.events;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import graphql.ExecutionResult;
import graphql.execution.CoercedVariables;
import graphql.execution.ExecutionContext;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.Counter;
import io.quarkus.arc.Unremovable;
import io.micrometer.core.instrument.MeterRegistry;
import io.relgraph.compiler.ReadCompiler;
import io.relgraph.RelgraphConfig;
import io.relgraph.estimate.RowEstimates;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.request.QueryCost;
import io.relgraph.graphql.ErrorMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Event subscriptions answered once per distinct selection, not once per subscriber: subscriptions
 * with the same document, operation and variables share one {@link Stream}, which takes each
 * matching change from the {@link ChangeFeed}, answers it once ({@link EventSelection}: the event's
 * fields, and its {@code link} / {@code department} reads in one compiled statement) and hands the
 * same message to every subscriber, in commit order. Each subscriber keeps its own bounded buffer and
 * socket back-pressure ({@link ChangeFeed#deliver}). Who may subscribe is decided per operation
 * before this ({@code auth.OperationGuard}), and nothing in an event's answer depends on who asks,
 * so the subscriber's token is not part of what is shared.
 *
 * <p>Metrics: {@code relgraph.events.selections} (distinct shared selections now) and
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
     * shared (the resolvers answer it then). Call it on the thread that starts the subscription.
     *
     * @throws ApiException for an argument the API refuses
     */
    Multi<ExecutionResult> subscribe(ExecutionContext context, String document) {
        EventSelection selection = EventSelection.of(context, compiler, this::limit);
        if (selection == null) {
            return null;
        }
        Key key = new Key(document, context.getOperationDefinition().getName(), context.getCoercedVariables().toMap());
        Multi<ExecutionResult> joined = Multi.createFrom().deferred(() -> {
            Stream stream;
            do {
                stream = streams.computeIfAbsent(key, k -> new Stream(k, selection));
            } while (!stream.join());
            Stream s = stream;
            return s.out.onTermination().invoke(s::leave);
        });
        return feed.deliver(joined).onFailure().recoverWithItem(e -> EventSelection.error(ErrorMapper.map(e)));
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
                    out.onError(feed.overflow());
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
                }
            }
        }
    }

    private static final class Pending {
        volatile ExecutionResult result;
    }
}

package io.relgraph.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.reactivestreams.Publisher;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQL;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.MergedSelectionSet;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.language.AstPrinter;
import graphql.language.Document;
import io.quarkus.arc.Arc;
import io.relgraph.auth.TokenDeadline;
import io.relgraph.graphql.ApiException;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import io.smallrye.graphql.spi.EventingService;
import io.smallrye.mutiny.Multi;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import mutiny.zero.flow.adapters.AdaptersToReactiveStreams;

/**
 * How graphql-java executes event subscriptions (an {@link EventingService}, registered with the
 * ServiceLoader, that sets the subscription execution strategy SmallRye would otherwise set):
 * <ul>
 * <li>a selection the compiler covers is answered once per event for all subscribers of the same
 * document and variables ({@link SharedEvents}): each subscriber's messages are the shared, finished
 * results, with nothing executed per subscriber (graphql-java's strategy would run the selection over
 * every event for every subscriber), and on relgraph's graphql-transport-ws connection the shared
 * bytes ({@link WsConnection});</li>
 * <li>any other (the compiler off) runs as before, per subscriber, through SmallRye's fetcher and the resolvers;</li>
 * <li>either way, when reads need a token, the subscription ends with {@code UNAUTHORIZED} when the
 * token it was authorized with expires ({@link TokenDeadline}).</li>
 * </ul>
 * Live queries (every other Subscription field) are left to graphql-java's strategy; their results
 * carry the bytes of their shared answers too ({@link ByteMessages}).
 */
public class EventExecution implements EventingService {

    /** Always on (SmallRye asks for the config key that would enable it). */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        return builder.subscriptionExecutionStrategy(new Strategy());
    }

    static final class Strategy extends SubscriptionExecutionStrategy {

        private volatile SharedEvents shared;

        Strategy() {
            super(new ExceptionHandler());
        }

        @Override
        public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
            MergedSelectionSet fields = parameters.getFields();
            String root = fields.getSubField(fields.getKeys().get(0)).getName();
            if (!EventSelection.EVENT_FIELDS.containsKey(root)) {
                // a live query: its fetcher left the bytes of its answers in the context for relgraph's WebSocket connection
                return super.execute(context, parameters).thenApply(r -> r.getData() instanceof Publisher<?> p
                        && context.getGraphQLContext().get(ByteMessages.CONTEXT_KEY) instanceof ByteMessages bytes
                                ? r.transform(b -> b.data(new ByteMessages.Either(cast(p), bytes)))
                                : r);
            }
            Instant deadline = TokenDeadline.of(context.getGraphQLContext());
            SharedEvents.Messages messages;
            try {
                messages = shared().subscribe(context, text(context.getDocument()), deadline);
            } catch (ApiException refused) {
                return CompletableFuture.completedFuture(new ExecutionResultImpl(null, List.of(refused)));
            }
            if (messages != null) {
                // a Publisher for SmallRye's handler, bytes for relgraph's (WsConnection)
                return CompletableFuture.completedFuture(new ExecutionResultImpl(messages, context.getErrors()));
            }
            CompletableFuture<ExecutionResult> perSubscriber = super.execute(context, parameters);
            if (deadline == null) {
                return perSubscriber;
            }
            return perSubscriber.thenApply(r -> r.getData() instanceof Publisher<?> p
                    ? r.transform(b -> b.data(publisher(until(Multi.createFrom().publisher(AdaptersToFlow.publisher(cast(p))), deadline))))
                    : r);
        }

        private static String text(Document document) {
            return AstPrinter.printAstCompact(document);
        }

        @SuppressWarnings("unchecked")
        private static Publisher<ExecutionResult> cast(Publisher<?> p) {
            return (Publisher<ExecutionResult>) p;
        }

        private static Publisher<ExecutionResult> publisher(Multi<ExecutionResult> messages) {
            return AdaptersToReactiveStreams.publisher(messages);
        }

        /** The messages until the token expires, then one UNAUTHORIZED error, and the end. */
        static Multi<ExecutionResult> until(Multi<ExecutionResult> messages, Instant deadline) {
            if (deadline == null) {
                return messages;
            }
            Duration left = Duration.between(Instant.now(), deadline);
            // ended early by something else (the stream failed or completed): no expiry message
            Multi<ExecutionResult> expiry = Multi.createFrom().deferred(() -> Instant.now().isBefore(deadline.minusMillis(50))
                    ? Multi.createFrom().empty()
                    : Multi.createFrom().item(EventSelection.error(TokenDeadline.expired(deadline))));
            return Multi.createBy().concatenating().streams(messages.select().first(left.isNegative() ? Duration.ofMillis(1) : left), expiry);
        }

        private SharedEvents shared() {
            SharedEvents s = shared;
            if (s == null) {
                s = shared = Arc.container().instance(SharedEvents.class).get();
            }
            return s;
        }
    }
}

package io.relgraph.replica;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.quarkus.arc.Arc;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.graphql.spi.EventingService;
import io.vertx.core.http.HttpServerResponse;

/**
 * Gives a mutation's HTTP response the header {@code X-Relgraph-Lsn}: the primary's WAL insert position
 * ({@code pg_current_wal_insert_lsn()}) read once the operation's result is complete, so after every
 * commit of its fields (each commits before the next field runs, and the payload is read after them).
 * A position read after a commit on any connection of the primary is at or past the end of that
 * commit's record: the insert position only grows and the commit record was inserted before the commit
 * returned. It is the insert position, not {@code pg_current_wal_lsn()} (written) or the flushed one,
 * because with {@code synchronous_commit=off} a commit can return before its record is written; a
 * replica reaches the insert position as soon as the WAL writer has sent it. The position can be a
 * little past the client's own commit (other sessions' writes): a read that sends it back waits for
 * those too, never less than its own.
 *
 * <p>Only with replicas configured ({@link ReadReplicas#enabled()}): the request pipeline marks a mutation
 * it hands to the resolver engine ({@link ReadReplicas#route}); this instrumentation finds the mark in the
 * request's Vert.x context when graphql-java starts the operation, and adds the header once its result
 * is complete, before SmallRye writes the response. Costs one statement per mutation on the primary.
 */
public class CommitPositions implements EventingService {

    private static final Logger LOG = Logger.getLogger(CommitPositions.class);
    static final String POSITION = "select pg_current_wal_insert_lsn()::text";

    /** Always on; it acts only on marked requests (SmallRye asks for the config key that would enable it). */
    @Override
    public String getConfigKey() {
        return null;
    }

    /** Adds to what is set, never replaces it. */
    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        GraphQL current = builder.build();
        return builder.instrumentation(new ChainedInstrumentation(List.of(current.getInstrumentation(), new Positions())));
    }

    private record Marked(HttpServerResponse response) implements InstrumentationState {
    }

    private static final class Positions extends SimplePerformantInstrumentation {

        private volatile ReadReplicas replicas;

        /** SmallRye makes this class with the ServiceLoader, outside CDI: the bean is looked up once, on first use. */
        private ReadReplicas replicas() {
            ReadReplicas r = replicas;
            if (r == null) {
                r = Arc.container().instance(ReadReplicas.class).get();
                replicas = r;
            }
            return r;
        }

        @Override
        public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
            if (VertxContext.isOnDuplicatedContext() && ContextLocals.get(ReadReplicas.COMMIT, null) instanceof HttpServerResponse r) {
                return new Marked(r);
            }
            return null;
        }

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            if (!(state instanceof Marked marked)) {
                return CompletableFuture.completedFuture(result);
            }
            CompletableFuture<ExecutionResult> done = new CompletableFuture<>();
            replicas().primary().query(POSITION).execute().onComplete(position -> {
                if (position.succeeded()) {
                    if (!marked.response().headWritten()) {
                        marked.response().putHeader(ReadReplicas.LSN_HEADER, position.result().iterator().next().getString(0));
                    }
                } else {
                    // the primary is away: the mutation's own answer says so; a later read simply has no position to wait for
                    LOG.debugf("No WAL position for the mutation's response: %s", position.cause().getMessage());
                }
                done.complete(result);
            });
            return done;
        }
    }
}

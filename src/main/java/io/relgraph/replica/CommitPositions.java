package io.relgraph.replica;

import java.util.List;
import java.util.concurrent.CompletableFuture;

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
 * Gives every mutation's HTTP response the header {@code X-Relgraph-Lsn}, with or without replicas: the
 * primary's WAL insert position ({@code pg_current_wal_insert_lsn()}) read after the mutation's commits,
 * for read-your-writes ({@code X-Relgraph-Min-Lsn}). A position read after a commit on any connection of
 * the primary is at or past the end of that commit's record: the insert position only grows and the
 * commit record was inserted before the commit returned. A position read before the commit is not: one
 * read by the writing statement itself ({@code RETURNING}) or in its transaction is short of its commit
 * record, which a replica could replay later. It is the insert position, not {@code pg_current_wal_lsn()}
 * (written) or the flushed one, because with {@code synchronous_commit=off} a commit can return before its
 * record is written; a replica reaches the insert position as soon as the WAL writer has sent it. The
 * position can be a little past the client's own commit (other sessions' writes): a read that sends it
 * back waits for those too, never less than its own.
 *
 * <p>Two paths. A mutation the mutation runner answers has its position read where the write can do it
 * without a round trip of its own ({@link CommitPosition}: pipelined right behind the hot autocommit
 * statement, or on the runner's transaction's connection after its {@code COMMIT}), else on the pool
 * after its answer. A mutation the resolver engine answers (several root fields, key changes, or asked
 * for with {@code X-Relgraph-Engine: resolver}) is marked by the request pipeline ({@link ReadReplicas#route});
 * this instrumentation finds the mark in the request's Vert.x context when graphql-java starts the
 * operation, and reads the position on the pool once the operation's result is complete (every field has
 * committed: they run one after another, and payloads are read after them), before SmallRye writes the
 * response. A mutation that ran carries it whether its fields succeeded or not (one field may have
 * committed before another failed); a request refused before it ran carries none. When the primary
 * does not answer the read, the response simply has no position.
 */
public class CommitPositions implements EventingService {

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
            new CommitPosition().putOn(marked.response(), replicas().primary()).onComplete(positioned -> done.complete(result));
            return done;
        }
    }
}

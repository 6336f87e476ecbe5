package io.relgraph.replica;

import java.util.function.Function;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.sqlclient.SqlClient;

/**
 * Where one query's statements run: chosen once, at its first statement ({@link ReadReplicas#choose}),
 * so that every statement of the request (one compiled statement, or the resolver engine's batches)
 * reads the same server. A statement that fails on the replica for the replica's sake
 * ({@link ReadReplicas#isReplicaFault}) runs again on the primary, and so does the rest of the
 * request. The response says which kind of server answered ({@code X-Relgraph-Read}).
 */
public final class ReadRoute {

    private final ReadReplicas replicas;
    private final long minLsn;
    private final HttpServerResponse response;
    /** The chosen replica (null: the primary), once chosen. */
    private Future<ReadReplicas.Replica> target;

    ReadRoute(ReadReplicas replicas, long minLsn, HttpServerResponse response) {
        this.replicas = replicas;
        this.minLsn = minLsn;
        this.response = response;
    }

    /** Runs one statement (given the client to run it on) on this request's server. */
    public <T> Future<T> run(Function<SqlClient, Future<T>> statement) {
        return target().compose(replica -> {
            if (replica == null) {
                return statement.apply(replicas.primary());
            }
            return ReadReplicas.on(replica.pool, statement).recover(e -> {
                if (!ReadReplicas.isReplicaFault(e)) {
                    return Future.failedFuture(e);
                }
                replicas.failed(replica, e);
                onPrimary();
                return statement.apply(replicas.primary());
            });
        });
    }

    private synchronized Future<ReadReplicas.Replica> target() {
        if (target == null) {
            target = replicas.choose(minLsn).onSuccess(this::answeredBy);
        }
        return target;
    }

    private synchronized void onPrimary() {
        target = Future.succeededFuture();
        answeredBy(null);
    }

    private void answeredBy(ReadReplicas.Replica replica) {
        if (!response.headWritten()) {
            response.putHeader(ReadReplicas.READ_HEADER, replica == null ? "primary" : "replica");
        }
    }
}

package io.relgraph.graphql;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * Marks an HTTP request that the request pipeline ({@code io.relgraph.request}) has checked whole
 * (depth, fields, rows, authorization) before handing it to the resolver engine, so that graphql-java's
 * own guards, which exist for the operations the pipeline never sees (over the WebSocket),
 * do not check it a second time. The mark lives in the request's duplicated Vert.x context, which
 * Quarkus makes anew for every HTTP request and which a client cannot reach.
 */
public final class CheckedRequest {

    private static final String KEY = "relgraph.request.checked";

    private CheckedRequest() {
    }

    /** Called by the pipeline on the request's event loop, just before the resolver engine runs it. */
    public static void mark() {
        ContextLocals.put(KEY, Boolean.TRUE);
    }

    /** Whether the operation running now belongs to a request the pipeline checked. */
    public static boolean marked() {
        return VertxContext.isOnDuplicatedContext() && Boolean.TRUE.equals(ContextLocals.get(KEY, null));
    }
}

package io.relgraph.request;

import java.util.Objects;

import graphql.ExecutionInput;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * Marks an HTTP request that the request pipeline ({@code io.relgraph.request}) has checked whole
 * (depth, fields, rows, authorization) before handing it to the resolver engine, so that graphql-java's
 * own guards, which exist for the operations the pipeline never sees (over the WebSocket),
 * do not check it a second time. The mark lives in the request's duplicated Vert.x context, which
 * Quarkus makes anew for every HTTP request and which a client cannot reach, and it names the
 * document and operation that were checked: the guards skip only when graphql-java is about to run
 * exactly those (should SmallRye ever read a body differently from the pipeline, it is checked again).
 */
public final class CheckedRequest {

    private static final String KEY = "relgraph.request.checked";

    private record Checked(String query, String operationName) {
    }

    private CheckedRequest() {
    }

    /** Called by the pipeline on the request's event loop, after every check passed, just before the resolver engine runs it. */
    public static void mark(String query, String operationName) {
        ContextLocals.put(KEY, new Checked(query, blankToNull(operationName)));
    }

    /** Whether the operation graphql-java is about to run is the one the pipeline checked for this request. */
    public static boolean marked(ExecutionInput input) {
        if (input == null || !VertxContext.isOnDuplicatedContext()) {
            return false;
        }
        return ContextLocals.get(KEY, null) instanceof Checked checked && checked.query().equals(input.getQuery())
                && Objects.equals(checked.operationName(), blankToNull(input.getOperationName()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

package io.relgraph.compiler;

import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** One compiled query operation, ready to run with any variables. */
public interface CompiledRead {

    /**
     * Runs the read.
     *
     * @param variables the operation's variables, already coerced by graphql-java against their
     *        definitions (defaults applied; an ID is a String, an Int an Integer)
     * @return the JSON of {@code data} as UTF-8 bytes (not decoded into a String and encoded again), or null when this request must be answered by the
     *         resolver engine (its answer would be an error, such as an unpaged list over the limit);
     *         a plain Vert.x future, completed on the request's event loop: the request pipeline needs
     *         no context propagation and no Mutiny operators on this path, which cost more than the
     *         rest of it (bench/RESULTS.md)
     */
    Future<Buffer> execute(Map<String, Object> variables);

    /**
     * Runs the read on {@code client} instead of the pool it was compiled with (a read replica's pool,
     * {@code io.relgraph.replica}); otherwise as {@link #execute(Map)}.
     */
    default Future<Buffer> execute(Map<String, Object> variables, io.vertx.sqlclient.SqlClient client) {
        return execute(variables);
    }

    /**
     * Runs the read's statement through {@code connection} (a connection the caller holds in a transaction:
     * a mutation's payload, read before its commit) instead of the pool; otherwise as {@link #execute(Map)}.
     */
    default Future<Buffer> execute(Map<String, Object> variables, Connection connection) {
        return execute(variables);
    }

    /** One statement on a connection of the caller's: its first row's first column, as bytes. */
    @FunctionalInterface
    interface Connection {
        Future<Buffer> firstValue(String sql, Object[] params);
    }

    /**
     * Why the resolver must answer these variables (an argument or cursor it refuses, in a few words),
     * or null when the statement runs. For live queries, which have no resolver to fall back to.
     */
    default String refusal(Map<String, Object> variables) {
        return null;
    }
}

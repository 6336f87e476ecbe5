package io.relgraph.graphql;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import io.relgraph.RelgraphConfig;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * The one place where failures become the contract's error codes. Every GraphQL operation and
 * batch loader routes its failure through {@link #map(Throwable)}.
 *
 * <p>Database faults are told apart from bugs by what they are, not by where they happen: an
 * unreachable, restarting or shutting-down server, a closed connection, a pool that has no
 * connection to give within its wait (overload) are all {@link ErrorCode#UNAVAILABLE}; a statement
 * cancelled by {@code statement_timeout} is {@link ErrorCode#TIMEOUT}. Several failures at once
 * (a Mutiny {@link CompositeException}) are a fault only when every one of them is.
 */
public final class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);
    /** One warning per interval while the database is away: an outage under load fails thousands of requests. */
    private static final long WARN_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
    private static final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    /**
     * Messages of the Vert.x client's connection-level failures that carry no type of their own
     * (NoStackTraceThrowable, VertxException); compared in lower case.
     */
    private static final List<String> CONNECTION_MESSAGES = List.of(
            "connection is closed", "failed to read any response from the server", "connection refused",
            "connection reset", "broken pipe", "connection is not active", "pool closed", "client is closed", "closed connection",
            "terminating connection", "the database system is");

    /**
     * graphql-java's validation of an argument written in the document, e.g. {@code Validation error
     * (WrongType@[department]) : argument 'id' with value 'ArrayValue{values=[]}' is not a valid 'ID' -
     * Expected an AST type of ...}: the value is printed as a syntax-tree class, the reason after the
     * dash is the scalar's (SmallRye's codes and class names).
     */
    private static final Pattern WRONG_LITERAL = Pattern.compile(
            "Validation error \\((\\w+)@\\[([^\\]]*)\\]\\) : argument '([^']+)' with value '(.*?)' is not a valid '([^']+)'(?: - .*)?",
            Pattern.DOTALL);
    /**
     * SmallRye's conversion of an argument inside a field, e.g. {@code argument 'id' with value
     * 'StringValue{value='[]'}' is not a valid 'BigInteger'}: it names the Java type it converts to.
     */
    private static final Pattern WRONG_ARGUMENT = Pattern.compile("argument '([^']+)' with value '(.*)' is not a valid '([^']+)'",
            Pattern.DOTALL);
    /** graphql-java's note that a non-null field got no value (it follows the error that caused it). */
    private static final Pattern NULL_FIELD = Pattern.compile("The field at path '([^']*)' was declared as a non null type.*",
            Pattern.DOTALL);
    /** How graphql-java prints a literal of the document: {@code StringValue{value='x'}}, {@code IntValue{value=5}}, ... */
    private static final Pattern LITERAL = Pattern.compile("(\\w+)Value\\{(?:value|name)=(.*)\\}", Pattern.DOTALL);

    private ErrorMapper() {
    }

    /**
     * A message of graphql-java or SmallRye about an argument's value, said in the API's words: the
     * argument, the GraphQL type it must have (ID, Int, String, ...) and what it got, never the
     * engines' class names (StringValue, BigInteger) or codes; any other message as it is.
     */
    public static String inApiWords(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = WRONG_LITERAL.matcher(message);
        if (m.matches()) {
            String path = m.group(2);
            String field = path.substring(path.lastIndexOf('/') + 1);
            return "Argument '" + m.group(3) + "' of " + (field.isEmpty() ? "the field" : "'" + field + "'") + " must be "
                    + typeInWords(m.group(5)) + ", got " + valueInWords(m.group(4));
        }
        m = WRONG_ARGUMENT.matcher(message);
        if (m.matches()) {
            return "Argument '" + m.group(1) + "' must be " + typeInWords(m.group(3)) + ", got " + valueInWords(m.group(2));
        }
        m = NULL_FIELD.matcher(message);
        if (m.matches()) {
            return "The field " + m.group(1).replaceFirst("^/", "") + " has no value because of the other error of this request,"
                    + " so it is null";
        }
        return message;
    }

    private static String typeInWords(String type) {
        return switch (type) {
            // SmallRye names the Java type of a Long argument; in this API every one of them is an ID
            case "ID", "BigInteger", "Long" -> "an ID (a positive integer)";
            case "Int", "Integer" -> "an Int (a whole number of 32 bits)";
            case "Float", "BigDecimal" -> "a Float";
            case "String" -> "a String";
            case "Boolean" -> "a Boolean";
            case "DateTime" -> "a DateTime (ISO-8601 with an offset, e.g. 2026-11-29T10:00:00Z)";
            default -> "a " + type + " value";
        };
    }

    /** A literal as graphql-java prints it, or a variable's value as it came, said as GraphQL would. */
    private static String valueInWords(String printed) {
        Matcher m = LITERAL.matcher(printed);
        if (!m.matches()) {
            if (printed.startsWith("ArrayValue")) {
                return "a list";
            }
            if (printed.startsWith("ObjectValue")) {
                return "an input object";
            }
            if (printed.startsWith("NullValue")) {
                return "null";
            }
            return "\"" + shorten(printed) + "\"";
        }
        String value = m.group(2);
        return switch (m.group(1)) {
            case "String" -> "the String \"" + shorten(value.replaceAll("^'|'$", "")) + "\"";
            case "Int" -> "the Int " + shorten(value);
            case "Float" -> "the Float " + shorten(value);
            case "Boolean" -> "the Boolean " + value;
            case "Enum" -> "the enum value " + shorten(value.replaceAll("^'|'$", ""));
            default -> "another value";
        };
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    public static ApiException map(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiException api) {
            return api;
        }
        if (t instanceof CompositeException composite) {
            return mapAll(composite.getCauses());
        }
        // Hibernate Reactive reports statement failures as JDBCExceptions; the reactive client itself as PgException
        JDBCException jdbc = find(t, JDBCException.class);
        PgException pg = find(t, PgException.class);
        String state = pg != null ? pg.getSqlState() : jdbc != null ? jdbc.getSQLState() : null;
        if (state != null) {
            String constraint = pg != null ? pg.getConstraint()
                    : jdbc instanceof ConstraintViolationException cve ? cve.getConstraintName() : null;
            String detail = pg != null ? pg.getDetail() : null;
            ApiException mapped = fromSqlState(state, constraint, detail, t);
            if (mapped != null) {
                return mapped;
            }
        }
        if (isPoolExhausted(t)) {
            warn(t);
            return new ApiException(ErrorCode.UNAVAILABLE,
                    "The server is overloaded (no database connection became free in time); try again shortly");
        }
        if (isConnectionFailure(t)) {
            warn(t);
            return unavailable();
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(t, "[%s] unexpected failure", id);
        return new ApiException(ErrorCode.INTERNAL, "Internal error (correlation id " + id + ")", id, null);
    }

    /** Several failures of one operation: a fault only if all are; otherwise the bug among them is reported. */
    private static ApiException mapAll(List<Throwable> causes) {
        List<ApiException> mapped = new ArrayList<>(causes.size());
        for (Throwable c : causes) {
            mapped.add(map(c));
        }
        for (ApiException m : mapped) {
            if (ErrorCode.INTERNAL.name().equals(m.getExtensions().get("code"))) {
                return m;
            }
        }
        return mapped.isEmpty() ? unavailable() : mapped.get(0);
    }

    private static ApiException fromSqlState(String state, String constraint, String detail, Throwable t) {
        return switch (state) {
            // unique_violation; on a primary key of a keyed table it is a key change racing another
            case "23505" -> constraint != null && constraint.matches("(department|employee|users)_pkey")
                    ? new ApiException(ErrorCode.KEY_CONFLICT, "That id is already taken")
                    : ApiException.conflict(uniqueMessage(constraint, detail));
            // foreign_key_violation: a row that should exist is gone (deleted concurrently)
            case "23503" -> new ApiException(ErrorCode.NOT_FOUND, "A referenced row does not exist"
                    + (detail != null ? ": " + detail : ""));
            // not_null_violation, check_violation, string_data_right_truncation, numeric_value_out_of_range
            case "23502", "23514", "22001", "22003" -> ApiException.validation("Invalid value"
                    + (detail != null ? ": " + detail : ""));
            // serialization_failure, deadlock_detected: a concurrent change won
            case "40001", "40P01" -> ApiException.conflict("A concurrent change touched the same rows; retry");
            // query_canceled: statement_timeout (set from relgraph.graphql.timeout on every pooled connection)
            case "57014" -> new ApiException(ErrorCode.TIMEOUT, "The operation ran longer than the time limit of "
                    + timeLimit() + " (relgraph.graphql.timeout) and was cancelled");
            default -> {
                // 08: connection exception; 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now;
                // 53300 too_many_connections, 53000 insufficient_resources
                if (state.startsWith("08") || state.startsWith("57P") || "53300".equals(state) || "53000".equals(state)) {
                    warn(t);
                    yield unavailable();
                }
                yield null;
            }
        };
    }

    private static ApiException unavailable() {
        return new ApiException(ErrorCode.UNAVAILABLE, "The database is unavailable; try again shortly");
    }

    private static String uniqueMessage(String constraint, String detail) {
        if (constraint != null) {
            if (constraint.startsWith("department_name")) {
                return "A department with that name already exists";
            }
            if (constraint.startsWith("department_head_id")) {
                return "That employee already heads another department";
            }
            if (constraint.startsWith("department_employee_link_pkey")) {
                return "That employee is already linked to that department";
            }
        }
        return "Already exists" + (detail != null ? ": " + detail : "");
    }

    /** The pool's wait queue is full, or no connection was handed out within the pool's wait. */
    private static boolean isPoolExhausted(Throwable t) {
        for (Throwable c = t; c != null; c = next(c)) {
            // a statement on the pool fails with "timeout waiting for connection"; a connection taken from the pool
            // for several statements (withConnection, getConnection) with Vert.x 4.5's bare "Timeout"
            if (c instanceof ConnectionPoolTooBusyException
                    || c instanceof io.vertx.core.VertxException && message(c).contains("timeout waiting for connection")
                    || c instanceof io.vertx.core.impl.NoStackTraceThrowable && "Timeout".equals(c.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** The database cannot be reached or dropped the connection, whatever wraps it (Hibernate Reactive, Mutiny, Vert.x). */
    static boolean isConnectionFailure(Throwable t) {
        for (Throwable c = t; c != null; c = next(c)) {
            if (c instanceof ClosedConnectionException || c instanceof ClosedChannelException
                    || c instanceof java.net.ConnectException || c instanceof java.net.NoRouteToHostException
                    || c instanceof IOException && !(c instanceof java.io.UncheckedIOException)
                            && CONNECTION_MESSAGES.stream().anyMatch(message(c)::contains)) {
                return true;
            }
            if (c instanceof CompositeException composite) {
                return composite.getCauses().stream().allMatch(ErrorMapper::isConnectionFailure);
            }
            String m = message(c);
            if (CONNECTION_MESSAGES.stream().anyMatch(m::contains)) {
                return true;
            }
            // Hibernate Reactive reports the lost connection as suppressed by its own follow-up failure
            // ("HR000090: Live transaction detected while closing the connection")
            for (Throwable s : c.getSuppressed()) {
                if (isConnectionFailure(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void warn(Throwable t) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("Database unavailable or overloaded (further such failures in the next 10 s are not logged): %s", t);
        } else {
            LOG.debugf("Database unavailable or overloaded: %s", t);
        }
    }

    private static String timeLimit() {
        try {
            return human(RelgraphConfig.current().graphql().timeout());
        } catch (RuntimeException e) {
            return "the configured limit";
        }
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null ? "" : m.toLowerCase(java.util.Locale.ROOT);
    }

    private static Throwable next(Throwable c) {
        Throwable n = c.getCause();
        return n == c ? null : n;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = next(c)) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}

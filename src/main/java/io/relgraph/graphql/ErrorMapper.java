package io.relgraph.graphql;

import java.util.UUID;
import java.util.concurrent.CompletionException;

import org.hibernate.HibernateException;
import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import io.vertx.pgclient.PgException;

/**
 * The one place where failures become the contract's error codes. Every GraphQL operation and
 * batch loader routes its failure through {@link #map(Throwable)}.
 */
public final class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static ApiException map(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiException api) {
            return api;
        }
        // Hibernate Reactive reports statement failures as JDBCExceptions; the reactive client itself as PgException
        JDBCException jdbc = find(t, JDBCException.class);
        PgException pg = find(t, PgException.class);
        String state = pg != null ? pg.getSqlState() : jdbc != null ? jdbc.getSQLState() : null;
        if (state != null) {
            String constraint = pg != null ? pg.getConstraint()
                    : jdbc instanceof ConstraintViolationException cve ? cve.getConstraintName() : null;
            String detail = pg != null ? pg.getDetail() : null;
            ApiException mapped = fromSqlState(state, constraint, detail);
            if (mapped != null) {
                return mapped;
            }
        }
        if (isConnectionFailure(t)) {
            String id = UUID.randomUUID().toString();
            LOG.warnf("[%s] database unavailable: %s", id, t);
            return new ApiException(ErrorCode.UNAVAILABLE, "The database is unavailable; try again shortly", id, null);
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(t, "[%s] unexpected failure", id);
        return new ApiException(ErrorCode.INTERNAL, "Internal error (correlation id " + id + ")", id, null);
    }

    private static ApiException fromSqlState(String state, String constraint, String detail) {
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
            default -> state.startsWith("08") || state.startsWith("57P")
                    ? new ApiException(ErrorCode.UNAVAILABLE, "The database is unavailable; try again shortly")
                    : null;
        };
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

    private static boolean isConnectionFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.ConnectException || c instanceof io.vertx.core.VertxException
                    && String.valueOf(c.getMessage()).contains("Connection")
                    || c instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            if (c instanceof HibernateException && String.valueOf(c.getMessage()).contains("connection")) {
                return true;
            }
            if (c == c.getCause()) {
                break;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c == c.getCause()) {
                break;
            }
        }
        return null;
    }
}

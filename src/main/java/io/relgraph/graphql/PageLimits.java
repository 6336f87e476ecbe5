package io.relgraph.graphql;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.relgraph.RelgraphConfig;

/**
 * How many rows one list may hold. A list asked without {@code first} answers in full up to the
 * maximum, and with LIMIT_EXCEEDED beyond it (never a silent truncation); {@code first} over the
 * maximum is LIMIT_EXCEEDED at once.
 */
@ApplicationScoped
public class PageLimits {

    private final int max;

    public PageLimits(RelgraphConfig config) {
        this.max = config.maxPageSize();
    }

    /** The SQL LIMIT for a list: {@code first}, or max + 1 so that an over-long unpaged list is noticed. */
    public int limit(Integer first) {
        if (first == null) {
            return max + 1;
        }
        if (first < 0) {
            throw ApiException.validation("first must not be negative, got " + first);
        }
        if (first > max) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "first may be at most " + max + ", got " + first);
        }
        return first;
    }

    /** Fails an unpaged list that reached the guard row. */
    public <T> List<T> complete(List<T> rows, Integer first, String what) {
        if (first == null && rows.size() > max) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "More than " + max + " " + what
                    + ": ask for them in pages with first and after");
        }
        return rows;
    }

    public <T> List<List<T>> completeEach(List<List<T>> groups, Integer first, String what) {
        for (List<T> g : groups) {
            complete(g, first, what);
        }
        return groups;
    }
}

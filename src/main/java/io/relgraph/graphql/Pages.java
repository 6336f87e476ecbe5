package io.relgraph.graphql;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.relgraph.db.Reads;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/** Fetches one keyset page of a root collection; the count runs only if a client asks for totalCount. */
@ApplicationScoped
public class Pages {

    /** A fetched page: its items, where the next starts, and the query that counts all matches. */
    public record Result<T>(List<T> items, String endCursor, boolean hasNextPage, Keyset.Query count) {
    }

    private final Reads reads;
    private final PageLimits limits;

    public Pages(Reads reads, PageLimits limits) {
        this.reads = reads;
        this.limits = limits;
    }

    /** A page of {@code keyset}'s rows that match the filters ({@code column = ?}, their values in {@code args}). */
    public <T> Uni<Result<T>> fetch(Keyset keyset, List<String> filters, List<Object> args, Integer first, String after,
            Function<Row, T> mapper) {
        Function<Row, Long> id = r -> r.getLong(keyset.idColumn());
        int limit = limits.limit(first == null ? 100 : first);
        Keyset.Query q = keyset.page(filters, args, after, limit);
        return reads.list(q.sql(), q.args(), row -> row).map(rows -> {
            boolean more = rows.size() > limit;
            List<Row> page = more ? rows.subList(0, limit) : rows;
            String end = page.isEmpty() ? null : keyset.cursor(page.get(page.size() - 1), id);
            return new Result<>(page.stream().map(mapper).toList(), end, more, keyset.count(filters, args));
        });
    }

    public Uni<Integer> count(Keyset.Query count) {
        return reads.first(count.sql(), count.args(), row -> row.getLong(0).intValue());
    }
}

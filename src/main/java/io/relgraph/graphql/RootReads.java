package io.relgraph.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.relgraph.db.Reads;
import io.relgraph.model.ApiNames;
import io.relgraph.model.ModelReader;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.RelationalModel.Column;
import io.relgraph.model.RelationalModel.Entity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The resolver engine's root fields over the model's rows ({@link ApiNames.Root}): a row by its
 * arguments, a list in primary-key order, a keyset page. Table, columns, order and the column each
 * argument compares come from the relational model, so a root field's resolver states only its
 * arguments' values, in the order the declaration names them; the argument rules are the compiler's
 * (an id positive, a row's text argument not blank nor too long).
 */
@ApplicationScoped
public class RootReads {

    private final Reads reads;
    private final PageLimits limits;
    private final Pages pages;
    private final ModelReader model;
    /** The row statements by root field (a row's arguments are all required: one statement each). */
    private final Map<String, String> statements = new ConcurrentHashMap<>();

    public RootReads(Reads reads, PageLimits limits, Pages pages, ModelReader model) {
        this.reads = reads;
        this.limits = limits;
        this.pages = pages;
        this.model = model;
    }

    /** The row whose columns equal {@code arguments} (each required), or null. */
    public <T> Uni<T> row(String field, Function<Row, T> mapper, Object... arguments) {
        RelationalModel.Root root = root(field, ApiNames.Read.ROW, arguments);
        Tuple args = Tuple.tuple();
        List<String> where = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Column> a : root.arguments().entrySet()) {
            Object value = arguments[i++];
            args.addValue(a.getValue().format() == RelationalModel.Format.ID ? (Object) Arguments.id(a.getKey(), (Long) value)
                    : Arguments.text(a.getKey(), (String) value));
            where.add(a.getValue().name() + " = $" + args.size());
        }
        Entity e = root.entity();
        String sql = statements.computeIfAbsent(field, f -> "select " + String.join(", ", e.rowColumns()) + " from " + e.table()
                + " where " + String.join(" and ", where));
        return reads.first(sql, args, mapper);
    }

    /**
     * The rows whose columns equal the {@code arguments} given (null: not given), in primary-key order:
     * the first {@code first} after the key {@code after} (a table with a one-column key), all of them
     * up to the page limit without {@code first} (LIMIT_EXCEEDED beyond it).
     */
    public <T> Uni<List<T>> list(String field, Integer first, Long after, String what, Function<Row, T> mapper, Object... arguments) {
        RelationalModel.Root root = root(field, ApiNames.Read.LIST, arguments);
        Entity e = root.entity();
        Tuple args = Tuple.tuple();
        List<String> where = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Column> a : root.arguments().entrySet()) {
            Object value = arguments[i++];
            if (value != null) {
                args.addValue(checked(a.getKey(), a.getValue(), value));
                where.add(a.getValue().name() + " = $" + args.size());
            }
        }
        boolean keyed = e.primaryKey().size() == 1;
        if (keyed) {
            args.addValue(after == null ? 0L : after);
            where.add(e.id() + " > $" + args.size());
        }
        args.addValue(limits.limit(first));
        String sql = "select " + String.join(", ", e.rowColumns()) + " from " + e.table()
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " order by " + String.join(", ", e.primaryKey())
                + " limit $" + args.size();
        return reads.list(sql, args, mapper).map(rows -> limits.complete(rows, first, what));
    }

    /**
     * A keyset page of the rows whose columns equal the {@code arguments} given: in {@code order} (a table
     * with a one-column key), else by its two-column primary key.
     */
    public <T> Uni<Pages.Result<T>> page(String field, ListOrder order, Integer first, String after, Function<Row, T> mapper,
            Object... arguments) {
        RelationalModel.Root root = root(field, ApiNames.Read.PAGE, arguments);
        Entity e = root.entity();
        List<String> filters = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Column> a : root.arguments().entrySet()) {
            Object value = arguments[i++];
            if (value != null) {
                filters.add(a.getValue().name() + " = ?");
                values.add(checked(a.getKey(), a.getValue(), value));
            }
        }
        Keyset keyset = e.primaryKey().size() == 1 ? ListOrder.orDefault(order).keyset(e) : Keyset.byPrimaryKey(e);
        return pages.fetch(keyset, filters, values, first, after, mapper);
    }

    /** A filter's value: an id must be positive; text is compared as it is. */
    private static Object checked(String argument, Column c, Object value) {
        return c.format() == RelationalModel.Format.ID ? (Object) Arguments.id(argument, (Long) value) : value;
    }

    private RelationalModel.Root root(String field, ApiNames.Read read, Object[] arguments) {
        RelationalModel.Root root = model.model().root(field);
        if (root == null || root.read() != read || root.arguments().size() != arguments.length) {
            throw new IllegalStateException("Query." + field + " is not a " + read + " root field of " + arguments.length
                    + " arguments in model.ApiNames");
        }
        return root;
    }
}

package io.relgraph.graphql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keyset paging over one table: {@code WHERE (sort, id) > (cursor) ORDER BY sort, id LIMIT n}, so page
 * 1,000 costs what page 1 costs. Cursors are opaque (base64 of the order, the sort value and the id)
 * and only valid for the order they were made with.
 *
 * @param table the table
 * @param columns the selected columns
 * @param sortColumn the column to order by before the unique one, or null to order by that alone
 * @param numericSort whether the sort column is a bigint (else text)
 * @param idColumn the unique bigint column that breaks ties (the primary key, or its last part)
 * @param descending the direction
 * @param order the order's name, kept in cursors
 */
public record Keyset(String table, String columns, String sortColumn, boolean numericSort, String idColumn, boolean descending,
        String order) {

    /**
     * The keyset of a table whose primary key has two columns (a link table): ordered by the first,
     * ties broken by the second, under the name its cursors carry ({@link #orderName}).
     */
    public static Keyset byPrimaryKey(io.relgraph.model.RelationalModel.Entity e) {
        List<String> key = e.primaryKey();
        if (key.size() != 2) {
            throw new IllegalStateException(e.type() + ": a page by primary key needs a key of two columns, not " + key);
        }
        return new Keyset(e.table(), String.join(", ", e.rowColumns()), key.get(0), true, key.get(1), false, orderName(key));
    }

    /** The name of the order by these key columns in cursors: department_id, employee_id is DEPARTMENT_EMPLOYEE. */
    public static String orderName(List<String> key) {
        return String.join("_", key.stream().map(c -> c.replaceAll("_id$", "").toUpperCase(java.util.Locale.ROOT)).toList());
    }

    /** A statement and its arguments. */
    public record Query(String sql, Tuple args) {
    }

    /** The page query: limit + 1 rows, to know whether a next page exists. */
    public Query page(List<String> filters, List<Object> filterArgs, String after, int limit) {
        Tuple args = Tuple.tuple();
        List<String> where = conditions(filters, filterArgs, args);
        if (after != null) {
            String[] c = decode(after);
            String cmp = descending ? "<" : ">";
            args.addValue(Long.parseLong(c[2]));
            String idParam = "$" + args.size();
            if (sortColumn == null) {
                where.add(idColumn + " " + cmp + " " + idParam);
            } else {
                args.addValue(numericSort ? (Object) Long.valueOf(c[1]) : c[1]);
                where.add("(" + sortColumn + ", " + idColumn + ") " + cmp + " ($" + args.size() + ", " + idParam + ")");
            }
        }
        args.addValue(limit + 1);
        String dir = descending ? " desc" : "";
        String orderBy = sortColumn == null ? idColumn + dir : sortColumn + dir + ", " + idColumn + dir;
        return new Query("select " + columns + " from " + table + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by " + orderBy + " limit $" + args.size(), args);
    }

    /** The query that counts every row matching the filters, over all pages. */
    public Query count(List<String> filters, List<Object> filterArgs) {
        Tuple args = Tuple.tuple();
        List<String> where = conditions(filters, filterArgs, args);
        return new Query("select count(*) from " + table + (where.isEmpty() ? "" : " where " + String.join(" and ", where)), args);
    }

    /** The filters with their {@code ?} numbered as PostgreSQL parameters, their values added to {@code args}. */
    private static List<String> conditions(List<String> filters, List<Object> filterArgs, Tuple args) {
        List<String> where = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            args.addValue(filterArgs.get(i));
            where.add(filters.get(i).replace("?", "$" + args.size()));
        }
        return where;
    }

    /** The cursor of a row: after it, the next page starts. */
    public String cursor(Row row, Function<Row, Long> id) {
        String sort = sortColumn == null ? "" : String.valueOf(row.getValue(sortColumn));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((order + "\n" + sort + "\n" + id.apply(row)).getBytes(StandardCharsets.UTF_8));
    }

    private String[] decode(String cursor) {
        try {
            return parse(cursor, order, numericSort);
        } catch (ForeignCursor e) {
            throw ApiException.validation("This cursor was made for another order than " + order + "; start again without after");
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("after is not a cursor this API handed out");
        }
    }

    /** A well-formed cursor of another order than the one it is used with. */
    public static final class ForeignCursor extends IllegalArgumentException {
        ForeignCursor() {
            super("a cursor of another order", null);
        }
    }

    /**
     * The cursor codec, one for both engines (the resolvers' {@link #page} and the read compiler):
     * a cursor's order, sort value and id, separated by the first and the last newline (a name may
     * hold newlines itself).
     *
     * @throws ForeignCursor a cursor of another order than {@code order}
     * @throws IllegalArgumentException anything this API did not hand out (not base64url, not three parts, an id or numeric sort value that is not a long)
     */
    public static String[] parse(String cursor, String order, boolean numericSort) {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int first = text.indexOf('\n');
        int last = text.lastIndexOf('\n');
        if (first < 0 || first == last) {
            throw new IllegalArgumentException("not a cursor");
        }
        String[] parts = { text.substring(0, first), text.substring(first + 1, last), text.substring(last + 1) };
        if (!parts[0].equals(order)) {
            throw new ForeignCursor();
        }
        Long.parseLong(parts[2]);
        if (numericSort) {
            Long.parseLong(parts[1]);
        }
        return parts;
    }
}

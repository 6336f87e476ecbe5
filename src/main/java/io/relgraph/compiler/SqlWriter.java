package io.relgraph.compiler;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.relgraph.db.PoolLimits;
import io.relgraph.filter.Sorts;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.Arguments;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.graphql.Keyset;
import io.relgraph.graphql.ListOrder;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.RelationalModel.Entity;

/**
 * Binds a request's variables to a {@link Plan} and writes the one SQL statement that answers it:
 * {@code select convert_to(json_build_object(...)::text, 'UTF8')}, each field a SQL expression over its parent row, each
 * relation a correlated subquery (json_agg for lists, in the resolver's order and with its LIMIT).
 *
 * <p>Every argument rule of the resolvers is checked here, on the bound values; where the resolver
 * would answer with an error (a non-positive id, a negative or too large {@code first}, a cursor it
 * would refuse, ...) the writer throws {@link Fallback} and the resolver engine answers instead,
 * with its own error. An unpaged list may still turn out to be over the page limit only when the
 * statement runs: its subquery then fails the statement on purpose ({@link #OVERFLOW}).
 */
final class SqlWriter {

    /** This request is for the resolver engine: its answer would be an error, or something the compiler cannot write. */
    static final class Fallback extends RuntimeException {
        Fallback(String why) {
            super(why, null, false, false);
        }
    }

    /** How one parameter's value follows from a request's variables (the argument rules checked on the way). */
    @FunctionalInterface
    interface Binder {
        Object bind(Map<String, Object> variables);
    }

    /**
     * A statement, its parameters in order, and for each the binder that computes it: a statement
     * written for one request serves every request of the same {@link CompiledStatement#shape shape}
     * with only its binders run again.
     */
    record Statement(String sql, List<Object> params, List<Binder> binders) {

        /** This statement's parameters for another request of the same shape; Fallback when the resolver must answer it. */
        List<Object> rebind(Map<String, Object> variables) {
            List<Object> values = new ArrayList<>(binders.size());
            for (Binder b : binders) {
                values.add(b.bind(variables));
            }
            return values;
        }
    }

    /** The text an unpaged list over the page limit makes the statement fail with (a failed cast, on purpose). */
    static final String OVERFLOW = "relgraph-list-over-page-limit:";

    /** json_build_object takes at most 100 arguments: 50 keys. */
    private static final int MAX_KEYS = 50;

    private static final Pattern LONG = Pattern.compile("-?(0|[1-9][0-9]{0,18})");

    /** Microseconds, then trailing zeros and a bare '.' cut off (the '.' stops the first rtrim before the seconds). */
    private static final String DATE_TIME_SQL = "rtrim(rtrim(to_char({c} at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '0'), '.') || 'Z'";

    private final Map<String, Object> variables;
    private final int maxPageSize;
    private final RelationalModel model;
    private final List<Object> params = new ArrayList<>();
    private final List<Binder> binders = new ArrayList<>();
    private final Conditions conditions;
    private int aliases;
    private boolean perExecution;

    private SqlWriter(Map<String, Object> variables, int maxPageSize, RelationalModel model) {
        this.variables = variables;
        this.maxPageSize = maxPageSize;
        this.model = model;
        this.conditions = new Conditions(this, model, maxPageSize);
    }

    /**
     * @param model the relational model the plan was made with: tables, keys, and the join columns of
     *        every relation (a to-one by a foreign key trusts the referenced row to exist, as the catalog's key guarantees)
     */
    static Statement write(List<Plan.Candidate> root, Map<String, Object> variables, int maxPageSize, RelationalModel model) {
        SqlWriter w = new SqlWriter(variables, maxPageSize, model);
        String data = w.object(root, null);
        // bytes, not text: the client hands them over as they came, and they go to the response as they are
        return new Statement((w.perExecution ? PoolLimits.PLANNED_PER_EXECUTION : "") + "select convert_to(" + data + "::text, 'UTF8')",
                w.params, w.binders);
    }

    // --- selections ------------------------------------------------------------------------------

    /** The JSON object of a selection over row {@code t}: the included fields, same keys merged, in first-occurrence order. */
    private String object(List<Plan.Candidate> selection, String t) {
        return object(fields(selection), t, Map.of());
    }

    /** A to-one relation's row LEFT JOINed to the rows of a list: its alias and its key column (null when there is no row). */
    private record Joined(String alias, String key) {
    }

    /** The same, with the to-one fields {@code joined} (by response key) read from rows joined to {@code t}. */
    private String object(Map<String, List<Plan.Node>> fields, String t, Map<String, Joined> joined) {
        StringBuilder sb = new StringBuilder("json_build_object(");
        boolean first = true;
        for (Map.Entry<String, List<Plan.Node>> f : fields.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            Joined j = joined.get(f.getKey());
            sb.append('\'').append(f.getKey()).append("', ").append(j == null ? value(f.getValue(), t)
                    : "case when " + j.alias() + "." + j.key() + " is null then null else "
                            + object(merged(f.getValue(), Plan.ToOneNode::selection), j.alias()) + " end");
        }
        return sb.append(')').toString();
    }

    /** The included fields of a selection by response key, in the order of their first occurrence (graphql-java's collection). */
    private Map<String, List<Plan.Node>> fields(List<Plan.Candidate> selection) {
        Map<String, List<Plan.Node>> fields = new LinkedHashMap<>();
        for (Plan.Candidate c : selection) {
            if (included(c.conditions())) {
                fields.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c.node());
            }
        }
        if (fields.size() > MAX_KEYS) {
            throw new Fallback("more than " + MAX_KEYS + " keys in one object");
        }
        return fields;
    }

    private boolean included(List<Plan.Condition> conditions) {
        for (Plan.Condition c : conditions) {
            if (!(c.value().resolve(variables) instanceof Boolean b)) {
                throw new Fallback("@include/@skip without a boolean");
            }
            if (b != c.include()) {
                return false;
            }
        }
        return true;
    }

    /** The sub-selections of all occurrences of one response key, merged (graphql-java's field merging). */
    private static <N extends Plan.Node> List<Plan.Candidate> merged(List<Plan.Node> same, Function<N, List<Plan.Candidate>> selection) {
        if (same.size() == 1) {
            @SuppressWarnings("unchecked")
            N n = (N) same.get(0);
            return selection.apply(n);
        }
        List<Plan.Candidate> out = new ArrayList<>();
        for (Plan.Node n : same) {
            @SuppressWarnings("unchecked")
            N typed = (N) n;
            out.addAll(selection.apply(typed));
        }
        return out;
    }

    /** The SQL expression of one response key's value over the parent row {@code t}. */
    private String value(List<Plan.Node> same, String t) {
        Plan.Node n = same.get(0);
        if (n instanceof Plan.ColumnNode c) {
            return value(c.column(), t);
        }
        if (n instanceof Plan.TypenameNode tn) {
            return "'" + tn.type() + "'::text";
        }
        if (n instanceof Plan.ToOneNode o) {
            List<Plan.Candidate> sel = merged(same, Plan.ToOneNode::selection);
            Entity e = model.entity(o.relation().target());
            String a = alias();
            if (o.relation() instanceof RelationalModel.Referenced r && needsOnlyId(sel, e)) {
                // the parent's foreign key is the row's id, and the foreign key guarantees the row: no lookup
                return "(select " + object(sel, a) + " from (select " + t + "." + r.column() + " as " + e.id() + ") " + a + " where " + a + "."
                        + e.id() + " is not null)";
            }
            String where = o.relation() instanceof RelationalModel.Referenced r ? a + "." + e.id() + " = " + t + "." + r.column()
                    : a + "." + ((RelationalModel.ReferencedBy) o.relation()).column() + " = " + t + "." + o.parent().id();
            return "(select " + object(sel, a) + " from " + e.table() + " " + a + " where " + where + ")";
        }
        if (n instanceof Plan.ToManyNode m) {
            List<Plan.Candidate> sel = merged(same, Plan.ToManyNode::selection);
            Integer first = integer(m.first().resolve(variables));
            Entity listed = model.entity(m.relation().target());
            Object where = conditions.where(listed, m.where(), variables);
            Object sort = m.sort().resolve(variables);
            if (where != null || sort != null) {
                return filteredList(m, sel, t, listed, where, sort, first);
            }
            String a = alias();
            String parentKey = t + "." + m.parent().id();
            String after = param(afterId(m.after()), "int8");
            String limit = param(listLimit(m.first()), "int4");
            if (m.relation() instanceof RelationalModel.Referencing r) {
                // the rows that reference the parent, after the page key
                return rows(sel, a, a + "." + r.pageKey(), "(select * from " + model.entity(r.target()).table() + " where " + r.column() + " = "
                        + parentKey + " and " + r.pageKey() + " > " + after + " order by " + r.pageKey() + " limit " + limit + ") " + a,
                        first == null);
            }
            // the far ends' rows joined to the link rows inside the LIMIT (the hand-written floor's shape: the limit
            // over the join, so PostgreSQL walks the link's key index and fetches each row once, no Memoize of rows
            // it never meets twice; bench/guards-results.md)
            RelationalModel.Through r = (RelationalModel.Through) m.relation();
            Entity target = model.entity(r.target());
            String l = a + "_l";
            return rows(sel, a, a + "." + target.id(), "(select " + a + ".* from " + r.link() + " " + l + " join " + target.table() + " " + a
                    + " on " + a + "." + target.id() + " = " + l + "." + r.toTarget() + " where " + l + "." + r.toParent() + " = " + parentKey
                    + " and " + l + "." + r.toTarget() + " > " + after + " order by " + l + "." + r.toTarget() + " limit " + limit + ") " + a,
                    first == null);
        }
        if (n instanceof Plan.RootRowNode r) {
            return rootRow(r, merged(same, Plan.RootRowNode::selection));
        }
        if (n instanceof Plan.RootListNode r) {
            return rootList(r, merged(same, Plan.RootListNode::selection));
        }
        if (n instanceof Plan.PageNode p) {
            return page(p, merged(same, Plan.PageNode::selection));
        }
        if (n instanceof Plan.AggregateNode g) {
            return aggregate(g, merged(same, Plan.AggregateNode::selection), t);
        }
        if (n instanceof Plan.GroupsNode g) {
            return groups(g, merged(same, Plan.GroupsNode::selection), t);
        }
        if (n instanceof Plan.GroupCountNode) {
            return t + ".relgraph_count";
        }
        throw new Fallback("a page field outside of a page: " + n);
    }

    /** Whether a selection reads nothing of a row of {@code e} but its key: the key, __typename, lists (which read the key). */
    private static boolean needsOnlyId(List<Plan.Candidate> selection, Entity e) {
        for (Plan.Candidate c : selection) {
            Plan.Node n = c.node();
            boolean onlyId = n instanceof Plan.ColumnNode col ? col.column().name().equals(e.id())
                    : n instanceof Plan.TypenameNode || n instanceof Plan.ToManyNode;
            if (!onlyId) {
                return false;
            }
        }
        return true;
    }

    /**
     * A list of the objects of rows {@code a}: its to-one fields by a foreign key are LEFT JOINed to the
     * rows (at most one row each, by primary key), which PostgreSQL runs cheaper than a subquery per row.
     */
    private String rows(List<Plan.Candidate> selection, String a, String order, String from, boolean unpaged) {
        Map<String, List<Plan.Node>> fields = fields(selection);
        Map<String, Joined> joined = new HashMap<>();
        StringBuilder joins = new StringBuilder();
        for (Map.Entry<String, List<Plan.Node>> f : fields.entrySet()) {
            if (f.getValue().get(0) instanceof Plan.ToOneNode o && o.relation() instanceof RelationalModel.Referenced r) {
                Entity target = model.entity(r.target());
                if (!needsOnlyId(merged(f.getValue(), Plan.ToOneNode::selection), target)) {
                    String j = alias();
                    joins.append(" left join ").append(target.table()).append(' ').append(j)
                            .append(" on ").append(j).append('.').append(target.id()).append(" = ").append(a).append('.').append(r.column());
                    joined.put(f.getKey(), new Joined(j, target.id()));
                }
            }
        }
        return list(object(fields, a, joined), order, from + joins, unpaged);
    }

    /** A list of objects in order, at most its LIMIT; unpaged, the statement fails when the guard row is there. */
    private String list(String object, String order, String from, boolean unpaged) {
        String agg = "coalesce(json_agg(" + object + " order by " + order + "), '[]'::json)";
        if (unpaged) {
            agg = "case when count(*) > " + maxPageSize + " then ('" + OVERFLOW + "' || count(*))::int::text::json else " + agg + " end";
        }
        return "(select " + agg + " from " + from + ")";
    }

    // --- root fields -----------------------------------------------------------------------------

    private String rootRow(Plan.RootRowNode r, List<Plan.Candidate> sel) {
        RelationalModel.Root root = model.root(r.field());
        String a = alias();
        List<String> where = new ArrayList<>();
        root.arguments().forEach((name, column) -> {
            Plan.Arg arg = r.arguments().get(name);
            // the row's key must be a positive id, its text not blank nor too long (Arguments.id, Arguments.text)
            where.add(a + "." + column.name() + " = " + (column.format() == RelationalModel.Format.ID
                    ? param(v -> positiveId(name, arg.resolve(v)), "int8")
                    : param(v -> text(name, arg.resolve(v)), "text")));
        });
        return "(select " + object(sel, a) + " from " + root.entity().table() + " " + a + " where " + String.join(" and ", where) + ")";
    }

    /** The equality filters of a root list or page ({@code {a}.column = $n}) for the arguments this request gives. */
    private List<String> rootFilters(RelationalModel.Root root, Map<String, Plan.Arg> args, String alias) {
        List<String> out = new ArrayList<>();
        root.arguments().forEach((name, column) -> {
            Plan.Arg arg = args.get(name);
            boolean id = column.format() == RelationalModel.Format.ID;
            Object value = id ? optionalPositiveId(name, arg.resolve(variables)) : string(arg.resolve(variables));
            if (value != null) {
                out.add(alias + column.name() + " = " + (id ? param(v -> optionalPositiveId(name, arg.resolve(v)), "int8")
                        : param(v -> string(arg.resolve(v)), "text")));
            }
        });
        return out;
    }

    private String rootList(Plan.RootListNode r, List<Plan.Candidate> sel) {
        Entity e = model.entity(r.target());
        Map<String, Plan.Arg> args = r.arguments();
        Integer first = integer(args.get("first").resolve(variables));
        String a = alias();
        List<String> where = new ArrayList<>();
        if (e.primaryKey().size() == 1) {
            where.add(e.id() + " > " + param(afterId(args.get("after")), "int8"));
        }
        where.addAll(rootFilters(model.root(r.field()), args, ""));
        // by the primary key
        String inner = " order by " + String.join(", ", e.primaryKey());
        String order = String.join(", ", e.primaryKey().stream().map(k -> a + "." + k).toList());
        Object filter = conditions.where(e, args.get("where"), variables);
        String table = e.table();
        if (filter != null) {
            String x = alias();
            table = e.table() + " " + x;
            where.add(conditions.sql(e, x, args.get("where"), filter));
        }
        String from = "(select * from " + table + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + inner
                + " limit " + param(listLimit(args.get("first")), "int4") + ") " + a;
        return rows(sel, a, order, from, first == null);
    }

    /**
     * A keyset page, as Pages and Keyset answer it: limit + 1 rows in order, numbered; the items
     * are the first {@code limit}, the cursor is the last item's, a next page exists when the guard
     * row is there, and totalCount counts every match (run only when selected).
     */
    private String page(Plan.PageNode p, List<Plan.Candidate> sel) {
        Entity e = model.entity(p.target());
        Map<String, Plan.Arg> args = p.arguments();
        List<String> filters = rootFilters(model.root(p.field()), args, "{a}."); // over alias {a}
        Keyset keyset;
        if (e.primaryKey().size() == 1) {
            Object orderBy = args.get("orderBy").resolve(variables);
            try {
                // an explicit null is the default order, as if the argument were left out (ListOrder.orDefault)
                keyset = ListOrder.orDefault(orderBy == null ? null : ListOrder.valueOf(orderBy.toString())).keyset(e);
            } catch (IllegalArgumentException unknown) {
                throw new Fallback("orderBy " + orderBy);
            }
        } else {
            // by the primary key: its first column sorts, its second breaks ties
            keyset = Keyset.byPrimaryKey(e);
        }
        String sortColumn = keyset.sortColumn();
        boolean numericSort = keyset.numericSort();
        String idColumn = keyset.idColumn();
        boolean descending = keyset.descending();
        String order = keyset.order();
        Object filter = conditions.where(e, args.get("where"), variables);
        Object sortValue = args.get("sort").resolve(variables);
        if (sortValue != null && args.containsKey("orderBy") && args.get("orderBy").resolve(variables) != null) {
            throw new ApiException(ErrorCode.VALIDATION, p.field() + " takes sort or orderBy, not both: orderBy: NAME_ASC is sort: [{name: ASC}]");
        }
        if (filter != null) {
            filters.add(conditions.sql(e, "{a}", args.get("where"), filter));
        }
        if (filter != null || sortValue != null) {
            return sortedPage(p, sel, e, filters, sortValue, keyset);
        }
        List<String> where = new ArrayList<>(filters);
        Object after = args.get("after").resolve(variables);
        if (after != null) {
            String cursorOrder = order;
            boolean numeric = numericSort;
            Plan.Arg afterArg = args.get("after");
            String cmp = descending ? " < " : " > ";
            String id = param(v -> Long.parseLong(decode(afterArg.resolve(v), cursorOrder, numeric)[2]), "int8");
            if (sortColumn == null) {
                where.add("{a}." + idColumn + cmp + id);
            } else {
                String sort = numericSort ? param(v -> Long.valueOf(decode(afterArg.resolve(v), cursorOrder, true)[1]), "int8")
                        : param(v -> decode(afterArg.resolve(v), cursorOrder, false)[1], "text");
                where.add("({a}." + sortColumn + ", {a}." + idColumn + ")" + cmp + "(" + sort + ", " + id + ")");
            }
        }
        String dir = descending ? " desc" : "";
        String orderBy = sortColumn == null ? "{a}." + idColumn + dir : "{a}." + sortColumn + dir + ", {a}." + idColumn + dir;
        String s = alias();
        String t = alias();
        Plan.Arg firstArg = args.get("first");
        int max = maxPageSize;
        // a parameter only where it is written (items, hasNextPage, endCursor): a page of totalCount alone has none
        boolean limited = fields(sel).values().stream().anyMatch(same -> same.get(0) instanceof Plan.ItemsNode
                || same.get(0) instanceof Plan.PageInfoNode info && !info.field().equals("totalCount"));
        String limitParam = limited ? param(v -> (long) pageLimit(firstArg, v, max), "int8") : null;
        String rows = pageRows(e, s, t, "", where, orderBy.replace("{a}", s), orderBy.replace("{a}", s), firstArg);
        return pageObject(sel, e, filters, t, rows, () -> limitParam, () -> cursor(t, order, sortColumn, idColumn));
    }

    /**
     * A page's rows: the first limit + 1 of {@code e}'s rows that match {@code where} (over alias {a}) in
     * {@code innerOrder}, with the sort keys {@code keys} selected, numbered ({@code relgraph_rn}) in
     * {@code outerOrder}; aliased {@code t}.
     */
    private String pageRows(Entity e, String s, String t, String keys, List<String> where, String innerOrder, String outerOrder,
            Plan.Arg firstArg) {
        int max = maxPageSize;
        return "(select " + s + ".*, row_number() over (order by " + outerOrder + ") as relgraph_rn from (select " + s + ".*" + keys + " from "
                + e.table() + " " + s + (where.isEmpty() ? "" : " where " + String.join(" and ", where).replace("{a}", s)) + " order by "
                + innerOrder + " limit " + param(v -> pageLimit(firstArg, v, max) + 1, "int4") + ") " + s + ") " + t;
    }

    /**
     * A page's object over its numbered rows {@code t}: the items (the first {@code limit}), hasNextPage
     * (the guard row is there), endCursor ({@code cursor}: the last item's, over {@code t}) and totalCount
     * (every row of {@code e} the filters match). {@code limit} and {@code cursor} write their parameters
     * where they are first used: every parameter must appear in the text.
     */
    private String pageObject(List<Plan.Candidate> sel, Entity e, List<String> filters, String t, String rows,
            java.util.function.Supplier<String> limit, java.util.function.Supplier<String> cursor) {
        Map<String, List<Plan.Node>> fields = fields(sel);
        StringBuilder json = new StringBuilder("json_build_object(");
        boolean firstKey = true;
        for (Map.Entry<String, List<Plan.Node>> f : fields.entrySet()) {
            if (!firstKey) {
                json.append(", ");
            }
            firstKey = false;
            json.append('\'').append(f.getKey()).append("', ");
            Plan.Node n = f.getValue().get(0);
            if (n instanceof Plan.TypenameNode tn) {
                json.append("'").append(tn.type()).append("'::text");
            } else if (n instanceof Plan.ItemsNode) {
                String object = object(merged(f.getValue(), Plan.ItemsNode::selection), t);
                json.append("coalesce(json_agg(").append(object).append(" order by ").append(t).append(".relgraph_rn) filter (where ")
                        .append(t).append(".relgraph_rn <= ").append(limit.get()).append("), '[]'::json)");
            } else if (n instanceof Plan.PageInfoNode info) {
                switch (info.field()) {
                    case "hasNextPage" -> json.append("count(*) > ").append(limit.get());
                    case "endCursor" -> json.append("(array_agg(").append(cursor.get()).append(" order by ").append(t)
                            .append(".relgraph_rn desc) filter (where ").append(t).append(".relgraph_rn <= ").append(limit.get()).append("))[1]");
                    default -> {
                        String c = alias();
                        json.append("(select count(*) from ").append(e.table()).append(' ').append(c)
                                .append(filters.isEmpty() ? "" : " where " + String.join(" and ", filters).replace("{a}", c)).append(")::int");
                    }
                }
            } else {
                throw new Fallback("unexpected page field " + n);
            }
        }
        json.append(')');
        return "(select " + json + " from " + rows + " group by ())";
    }

    /** Keyset.cursor in SQL: base64url without padding of "order \n sort \n id" (PostgreSQL's base64 also wraps lines). */
    private static String cursor(String t, String order, String sortColumn, String idColumn) {
        String sort = sortColumn == null ? "''" : t + "." + sortColumn;
        return "translate(encode(convert_to('" + order + "' || E'\\n' || " + sort + " || E'\\n' || " + t + "." + idColumn
                + ", 'UTF8'), 'base64'), E'+/=\\n', '-_')";
    }

    /** The cursor codec's rules (Keyset.parse): a cursor it refuses makes the request the resolver's. */
    private static String[] decode(Object after, String order, boolean numericSort) {
        if (!(after instanceof String cursor)) {
            throw new Fallback("after is not a string");
        }
        try {
            return Keyset.parse(cursor, order, numericSort);
        } catch (Keyset.ForeignCursor e) {
            throw new Fallback("a cursor of another order");
        } catch (IllegalArgumentException e) {
            throw new Fallback("a cursor the resolver refuses");
        }
    }

    // --- the read language: where, sort, aggregates, groups ------------------------------------------

    /**
     * A relation list with a where or a sort: the related rows that match, numbered in the sort's order
     * (ties by the list's page key), at most its limit.
     */
    private String filteredList(Plan.ToManyNode m, List<Plan.Candidate> sel, String t, Entity target, Object where, Object sort,
            Integer first) {
        List<Sorts.Key> keys = sort == null ? List.of() : Sorts.keys(model, target, sort, "sort");
        if (!keys.isEmpty() && m.after().resolve(variables) != null) {
            throw new ApiException(ErrorCode.VALIDATION, "after (an id) cannot go with sort on a relation list: page it with first, or"
                    + " ask a ...Page root, whose cursors follow any sort");
        }
        String a = alias();
        String x = alias();
        String pageKey = m.relation() instanceof RelationalModel.Referencing r ? x + "." + r.pageKey() : x + "." + target.id();
        StringBuilder order = new StringBuilder();
        for (Conditions.SortKey k : conditions.sort(target, x, keys)) {
            order.append(k.order()).append(", ");
        }
        order.append(pageKey);
        String rows = conditions.rows(m.parent(), t, m.relation(), target, x);
        String filter = where == null ? "" : " and " + conditions.sql(target, x, m.where(), where);
        String after = keys.isEmpty() ? " and " + pageKey + " > " + param(afterId(m.after()), "int8") : "";
        String from = "(select " + x + ".*, row_number() over (order by " + order + ") as relgraph_rn " + rows + filter + after + " order by "
                + order + " limit " + param(listLimit(m.first()), "int4") + ") " + a;
        return rows(sel, a, a + ".relgraph_rn", from, first == null);
    }

    /**
     * A page with a where or a sort: the rows in the sort's order (orderBy's when there is no sort; ties by the
     * primary key), numbered; its cursor is the JSON of a signature of the page's arguments and the last item's
     * sort values and key, so that a cursor made under another sort or where is refused.
     */
    private String sortedPage(Plan.PageNode p, List<Plan.Candidate> sel, Entity e, List<String> filters, Object sortValue, Keyset keyset) {
        Map<String, Plan.Arg> args = p.arguments();
        List<Sorts.Key> keys;
        if (sortValue != null) {
            keys = Sorts.keys(model, e, sortValue, "sort");
        } else if (e.primaryKey().size() > 1 || keyset.sortColumn() == null && !keyset.descending()) {
            keys = List.of(); // the primary key's own order
        } else {
            String column = keyset.sortColumn() == null ? keyset.idColumn() : keyset.sortColumn();
            keys = List.of(new Sorts.Key(List.of(), e, e.columns().values().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow(),
                    null, keyset.descending()));
        }
        List<String> ties = e.primaryKey();
        // orderBy without sort keeps its own order, a where only filters it: NAME_DESC ends ties by id descending,
        // as the page without a where does (the whole order reversed); a sort ends them ascending
        boolean tiesDescending = sortValue == null && keyset.descending();
        String tieDir = tiesDescending ? " desc" : "";
        List<Conditions.SortKey> sortKeys = conditions.sort(e, "{a}", keys);
        StringBuilder select = new StringBuilder();
        StringBuilder innerOrder = new StringBuilder();
        StringBuilder outerOrder = new StringBuilder();
        for (int i = 0; i < sortKeys.size(); i++) {
            Conditions.SortKey k = sortKeys.get(i);
            select.append(", ").append(k.sql()).append(" as relgraph_k").append(i);
            String dir = (k.descending() ? " desc" : " asc") + " nulls last, ";
            innerOrder.append("relgraph_k").append(i).append(dir);
            outerOrder.append("{t}.relgraph_k").append(i).append(dir);
        }
        innerOrder.append(String.join(", ", ties.stream().map(c -> "{a}." + c + tieDir).toList()));
        outerOrder.append(String.join(", ", ties.stream().map(c -> "{t}." + c + tieDir).toList()));

        Map<String, Object> signed = new LinkedHashMap<>();
        args.forEach((name, arg) -> {
            if (!name.equals("first") && !name.equals("after")) {
                signed.put(name, arg);
            }
        });
        String field = p.field();
        Binder signature = v -> signature(field, signed, v);
        List<String> where = new ArrayList<>(filters);
        Plan.Arg afterArg = args.get("after");
        if (afterArg.resolve(variables) != null) {
            int n = sortKeys.size() + ties.size();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < sortKeys.size(); i++) {
                int index = i;
                String type = sortKeys.get(i).type();
                values.add(param(v -> cursorValue(decodeSorted(afterArg.resolve(v), (String) signature.bind(v), n)[index + 1], type), type));
            }
            List<String> tieValues = new ArrayList<>();
            for (int i = 0; i < ties.size(); i++) {
                int index = sortKeys.size() + i;
                tieValues.add(param(v -> cursorValue(decodeSorted(afterArg.resolve(v), (String) signature.bind(v), n)[index + 1], "int8"),
                        "int8"));
            }
            List<String> or = new ArrayList<>();
            List<String> equal = new ArrayList<>();
            for (int i = 0; i < sortKeys.size(); i++) {
                Conditions.SortKey k = sortKeys.get(i);
                String v = values.get(i);
                List<String> branch = new ArrayList<>(equal);
                branch.add(v + " is not null and (" + k.sql() + (k.descending() ? " < " : " > ") + v + " or " + k.sql() + " is null)");
                or.add("(" + String.join(" and ", branch) + ")");
                equal.add(k.sql() + " is not distinct from " + v);
            }
            List<String> last = new ArrayList<>(equal);
            last.add("(" + String.join(", ", ties.stream().map(c -> "{a}." + c).toList()) + (tiesDescending ? ") < (" : ") > (")
                    + String.join(", ", tieValues) + ")");
            or.add("(" + String.join(" and ", last) + ")");
            where.add("(" + String.join(" or ", or) + ")");
        }
        String s = alias();
        String t = alias();
        Plan.Arg firstArg = args.get("first");
        int max = maxPageSize;
        // a parameter only where it is written: a page selecting only totalCount has none
        String[] limitWritten = new String[1];
        java.util.function.Supplier<String> limitParam = () -> limitWritten[0] != null ? limitWritten[0]
                : (limitWritten[0] = param(v -> (long) pageLimit(firstArg, v, max), "int8"));
        String rows = pageRows(e, s, t, select.toString().replace("{a}", s), where, innerOrder.toString().replace("{a}", s),
                outerOrder.toString().replace("{t}", s), firstArg);

        StringBuilder cursor = new StringBuilder();
        for (int i = 0; i < sortKeys.size(); i++) {
            cursor.append(", ").append(t).append(".relgraph_k").append(i);
        }
        for (String c : ties) {
            cursor.append(", ").append(t).append('.').append(c);
        }
        cursor.append(")");

        // the signature is a parameter only where a cursor is written: every parameter must appear in the text
        return pageObject(sel, e, filters, t, rows, limitParam, () -> "translate(encode(convert_to(json_build_array(" + param(signature, "text")
                + cursor + "::text, 'UTF8'), 'base64'), E'+/=\\n', '-_')");
    }

    /** What a sorted page's cursor is bound to: the field and every argument but first and after, as this request has them. */
    private static String signature(String field, Map<String, Object> args, Map<String, Object> v) {
        StringBuilder sb = new StringBuilder(field);
        args.forEach((name, arg) -> sb.append('\u0000').append(name).append('=').append(((Plan.Arg) arg).resolve(v)));
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sorted page's cursor: [signature, sort values..., key...]; VALIDATION when it is not this page's. */
    private static Object[] decodeSorted(Object after, String signature, int values) {
        io.vertx.core.json.JsonArray array;
        try {
            array = new io.vertx.core.json.JsonArray(new String(java.util.Base64.getUrlDecoder().decode((String) after),
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ApiException(ErrorCode.VALIDATION, "after is not a cursor of a page with this sort and where: use the endCursor of"
                    + " the same page asked with the same sort, where and filters");
        }
        if (array.size() != values + 1 || !signature.equals(array.getValue(0))) {
            throw new ApiException(ErrorCode.VALIDATION, "after is a cursor made under another sort, where or filters: a cursor"
                    + " continues only the page that made it");
        }
        return array.getList().toArray();
    }

    private static Object cursorValue(Object value, String type) {
        if (value == null) {
            return null;
        }
        try {
            return switch (type) {
                case "int8" -> ((Number) value).longValue();
                case "timestamptz" -> java.time.OffsetDateTime.parse((String) value);
                default -> (String) value;
            };
        } catch (RuntimeException e) {
            throw new ApiException(ErrorCode.VALIDATION, "after is not a cursor of a page with this sort and where");
        }
    }

    /** An aggregate over the rows a where matches: one row of count, distinct counts, min and max, even over no rows. */
    private String aggregate(Plan.AggregateNode g, List<Plan.Candidate> sel, String t) {
        Entity target = g.target();
        Object where = conditions.where(target, g.where(), variables);
        String x = alias();
        String from = g.relation() == null ? "from " + target.table() + " " + x + " where true"
                : conditions.rows(g.parent(), t, g.relation(), target, x);
        if (where != null) {
            from += " and " + conditions.sql(target, x, g.where(), where);
        }
        return "(select " + aggregateObject(fields(sel), x, null) + " " + from + ")";
    }

    /** An aggregate's object (minMax null) or a min/max object ("min" or "max") over rows {@code x}. */
    private String aggregateObject(Map<String, List<Plan.Node>> fields, String x, String minMax) {
        StringBuilder sb = new StringBuilder("json_build_object(");
        boolean first = true;
        for (Map.Entry<String, List<Plan.Node>> f : fields.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append('\'').append(f.getKey()).append("', ");
            Plan.Node n = f.getValue().get(0);
            if (n instanceof Plan.TypenameNode tn) {
                sb.append("'").append(tn.type()).append("'::text");
            } else if (n instanceof Plan.CountNode) {
                sb.append("count(*)::int");
            } else if (n instanceof Plan.DistinctNode d) {
                sb.append("count(distinct ").append(x).append('.').append(d.column().name()).append(")::int");
            } else if (n instanceof Plan.MinMaxNode mm) {
                sb.append(aggregateObject(fields(merged(f.getValue(), Plan.MinMaxNode::selection)), x, mm.max() ? "max" : "min"));
            } else if (n instanceof Plan.ColumnNode c && minMax != null) {
                sb.append(expression(c.column(), minMax + "(" + x + "." + c.column().name() + ")"));
            } else {
                throw new Fallback("unexpected aggregate field " + n);
            }
        }
        return sb.append(')').toString();
    }

    /**
     * Groups of link rows by the keys of {@code by}: one row per distinct key with its count (the columns not grouped by
     * null), by count descending then the keys (nulls last), the first {@code first}.
     */
    private String groups(Plan.GroupsNode g, List<Plan.Candidate> sel, String t) {
        Entity link = g.link();
        Object where = conditions.where(link, g.where(), variables);
        Object byValue = g.by().resolve(variables);
        List<?> by = byValue instanceof List<?> l ? l : byValue == null ? List.of() : List.of(byValue);
        // the keys a link can be grouped by: its columns and its foreign keys, under their GraphQL names
        Map<String, String[]> groupable = new LinkedHashMap<>();
        link.columns().forEach((name, c) -> {
            if (!link.primaryKey().contains(c.name())) {
                groupable.put(name, new String[] { c.name(), c.sqlType() });
            }
        });
        link.toOne().forEach((name, one) -> {
            if (one instanceof RelationalModel.Referenced r) {
                groupable.put(name, new String[] { r.column(), "bigint" });
            }
        });
        if (by.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION, "by must name at least one key ("
                    + String.join(", ", groupable.keySet().stream().map(io.relgraph.model.ApiNames::constant).toList()) + ")");
        }
        List<String> keys = new ArrayList<>();
        for (Object k : by) {
            String key = camel(String.valueOf(k));
            if (!groupable.containsKey(key)) {
                throw new ApiException(ErrorCode.VALIDATION, "by: " + k + " is not a key links are grouped by");
            }
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        Plan.Arg firstArg = g.first();
        int max = maxPageSize;
        Binder limit = v -> {
            Integer n = integer(firstArg.resolve(v));
            if (n == null) {
                return 100;
            }
            if (n < 0) {
                throw new ApiException(ErrorCode.VALIDATION, "first must not be negative, got " + n);
            }
            if (n > max) {
                throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "first may be at most " + max + ", got " + n);
            }
            return n;
        };
        String x = alias();
        String a = alias();
        StringBuilder select = new StringBuilder();
        List<String> groupBy = new ArrayList<>();
        StringBuilder order = new StringBuilder();
        StringBuilder outerOrder = new StringBuilder(a + ".relgraph_count desc");
        groupable.forEach((name, column) -> {
            if (keys.contains(name)) {
                select.append(x).append('.').append(column[0]).append(", ");
            } else {
                select.append("null::").append(column[1]).append(" as ").append(column[0]).append(", ");
            }
        });
        for (String key : keys) {
            String column = groupable.get(key)[0];
            groupBy.add(x + "." + column);
            order.append(", ").append(x).append('.').append(column).append(" asc nulls last");
            outerOrder.append(", ").append(a).append('.').append(column).append(" asc nulls last");
        }
        String from = g.relation() == null ? "from " + link.table() + " " + x + " where true" : conditions.rows(g.parent(), t, g.relation(), link, x);
        if (where != null) {
            from += " and " + conditions.sql(link, x, g.where(), where);
        }
        String rows = "(select " + select + "count(*)::int as relgraph_count " + from + " group by " + String.join(", ", groupBy)
                + " order by count(*) desc" + order + " limit " + param(limit, "int4") + ") " + a;
        return "(select coalesce(json_agg(" + object(sel, a) + " order by " + outerOrder + "), '[]'::json) from " + rows + ")";
    }

    /** EXTRA_DATA → extraData. */
    private static String camel(String constant) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : constant.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    // --- arguments: the resolvers' rules ----------------------------------------------------------

    /**
     * The statement's best plan depends on a parameter's value: it is planned per execution
     * ({@link PoolLimits#PLANNED_PER_EXECUTION}; each execution then costs a second round trip, its Parse).
     */
    void planPerExecution() {
        perExecution = true;
    }

    /** A parameter: its value for this request now, and its binder for the next requests of this shape. */
    String param(Binder binder, String type) {
        params.add(binder.bind(variables));
        binders.add(binder);
        return "$" + params.size() + "::" + type;
    }

    /** A list's {@code after}: the far end's id to start after, 0 for the first page. */
    private static Binder afterId(Plan.Arg after) {
        return v -> {
            Long id = anyId(after.resolve(v));
            return id == null ? 0L : id;
        };
    }

    /** A list's LIMIT: {@code first}, or the page limit + 1 for an unpaged list. */
    private Binder listLimit(Plan.Arg first) {
        int max = maxPageSize;
        return v -> limit(integer(first.resolve(v)), max);
    }

    /** A page's size: first, 100 when absent. */
    private static int pageLimit(Plan.Arg first, Map<String, Object> v, int maxPageSize) {
        Integer n = integer(first.resolve(v));
        return pageLimit(n == null ? 100 : n, maxPageSize);
    }

    String alias() {
        return "t" + (++aliases);
    }

    /** PageLimits.limit for a list: first, or max + 1 to notice an unpaged list over the limit. */
    private static int limit(Integer first, int maxPageSize) {
        return first == null ? maxPageSize + 1 : pageLimit(first, maxPageSize);
    }

    private static int pageLimit(int first, int maxPageSize) {
        if (first < 0 || first > maxPageSize) {
            throw new Fallback("first " + first);
        }
        return first;
    }

    private static Integer integer(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof BigInteger b && b.bitLength() < 32) {
            return b.intValue();
        }
        if (v instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        throw new Fallback("not an Int: " + v);
    }

    private static String string(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new Fallback("not a String: " + v);
    }

    /** An ID argument as the Long the resolver receives; anything but a plain decimal is left to the resolver. */
    private static Long anyId(Object v) {
        if (v == null) {
            return null;
        }
        String s = v instanceof String str ? str : v instanceof Number ? v.toString() : null;
        if (s == null || !LONG.matcher(s).matches()) {
            throw new Fallback("an ID that is not a plain number: " + v);
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new Fallback("an ID out of range: " + v);
        }
    }

    private static long positiveId(String argument, Object v) {
        Long id = anyId(v);
        if (id == null || id <= 0) {
            throw new Fallback(argument + " must be a positive integer");
        }
        return id;
    }

    private static Long optionalPositiveId(String argument, Object v) {
        return v == null ? null : positiveId(argument, v);
    }

    /** Arguments.text: not blank, not longer than the columns. */
    private static String text(String argument, Object v) {
        String s = string(v);
        if (s == null || s.isBlank() || s.length() > Arguments.MAX_TEXT) {
            throw new Fallback(argument + " is empty or too long");
        }
        return s;
    }

    /** The SQL expression of a column of row {@code t}, as the JSON value the resolver emits. */
    private static String value(RelationalModel.Column c, String t) {
        return expression(c, t + "." + c.name());
    }

    /** The SQL expression of a value of column {@code c}'s type (such as min(x.name)), as the JSON value the resolver emits. */
    private static String expression(RelationalModel.Column c, String ref) {
        return switch (c.format()) {
            case ID -> ref + "::text";
            case TEXT -> ref;
            case DATE_TIME -> "(" + DATE_TIME_SQL.replace("{c}", ref) + ")";
        };
    }
}

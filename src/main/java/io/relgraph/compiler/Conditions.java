package io.relgraph.compiler;

import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.relgraph.filter.Filters;
import io.relgraph.filter.Sorts;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.RelationalModel.Entity;

/**
 * Writes the SQL of the read language for {@link SqlWriter}: a {@code where} (checked by
 * {@link Filters} first) as a boolean expression over a row, a {@code sort} as the expressions to
 * order by, and the rows of a relation, all from the {@link RelationalModel}'s tables, columns and
 * join columns. Every value is a parameter whose binder reads it from the request's variables again
 * (the text depends only on the where's structure: keys, list lengths, booleans).
 *
 * <p>Logic is two-valued: a positive comparison is plain SQL (false on NULL as a filter, and an index
 * serves it), and every negation ({@code not}, {@code ne}, {@code notIn}, {@code every}) negates
 * {@code coalesce(x, false)}, so it is the exact complement. {@code and} and {@code or} keep the
 * mapping of NULL to false, so nothing else needs it.
 */
final class Conditions {

    private final SqlWriter writer;
    private final RelationalModel model;
    private final int maxPageSize;

    Conditions(SqlWriter writer, RelationalModel model, int maxPageSize) {
        this.writer = writer;
        this.model = model;
        this.maxPageSize = maxPageSize;
    }

    /** A where argument's value for this request, checked; null when there is none. */
    Object where(Entity entity, Plan.Arg arg, Map<String, Object> variables) {
        if (arg == null) {
            return null;
        }
        Object value = arg.resolve(variables);
        if (value != null) {
            Filters.check(model, entity, value, "where", maxPageSize);
        }
        return value;
    }

    /** The SQL of a checked where over row {@code a} of {@code entity}. */
    String sql(Entity entity, String a, Plan.Arg arg, Object where) {
        return where(entity, a, arg, where, new ArrayList<>());
    }

    private String where(Entity entity, String a, Plan.Arg arg, Object value, List<Object> path) {
        Map<?, ?> where = (Map<?, ?>) value;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<?, ?> e : where.entrySet()) {
            String key = (String) e.getKey();
            List<Object> at = with(path, key);
            switch (key) {
                case "and", "or" -> {
                    List<?> list = list(e.getValue());
                    if (list.isEmpty()) {
                        parts.add(key.equals("and") ? "true" : "false");
                    } else {
                        List<String> items = new ArrayList<>();
                        for (int i = 0; i < list.size(); i++) {
                            items.add(where(entity, a, arg, list.get(i), with(at, i)));
                        }
                        parts.add("(" + String.join(key.equals("and") ? " and " : " or ", items) + ")");
                    }
                }
                case "not" -> parts.add("not coalesce(" + where(entity, a, arg, e.getValue(), at) + ", false)");
                default -> parts.add(field(entity, a, key, arg, e.getValue(), at));
            }
        }
        return parts.isEmpty() ? "true" : parts.size() == 1 ? parts.get(0) : "(" + String.join(" and ", parts) + ")";
    }

    private String field(Entity entity, String a, String key, Plan.Arg arg, Object value, List<Object> path) {
        RelationalModel.Column column = entity.columns().get(key);
        if (column != null) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> c : ((Map<?, ?>) value).entrySet()) {
                parts.add(comparison(column, a + "." + column.name(), (String) c.getKey(), c.getValue(), arg, with(path, c.getKey())));
            }
            return parts.size() == 1 ? parts.get(0) : "(" + String.join(" and ", parts) + ")";
        }
        RelationalModel.ToOne one = entity.toOne().get(key);
        if (one != null) {
            Entity target = model.entity(one.target());
            String x = writer.alias();
            return "exists (select 1 from " + target.table() + " " + x + " where " + join(entity, a, one, target, x) + " and "
                    + where(target, x, arg, value, path) + ")";
        }
        RelationalModel.ToOne exists = Filters.exists(entity, key);
        if (exists != null) {
            boolean yes = (Boolean) value;
            if (exists instanceof RelationalModel.Referenced r) {
                return a + "." + r.column() + (yes ? " is not null" : " is null");
            }
            Entity target = model.entity(exists.target());
            String x = writer.alias();
            return (yes ? "" : "not ") + "exists (select 1 from " + target.table() + " " + x + " where " + join(entity, a, exists, target, x)
                    + ")";
        }
        RelationalModel.ToMany many = entity.toMany().get(key);
        Entity target = model.entity(many.target());
        List<String> parts = new ArrayList<>();
        for (Map.Entry<?, ?> q : ((Map<?, ?>) value).entrySet()) {
            String quantifier = (String) q.getKey();
            String x = writer.alias();
            String rows = rows(entity, a, many, target, x);
            String w = where(target, x, arg, q.getValue(), with(path, quantifier));
            parts.add(switch (quantifier) {
                case "some" -> "exists (select 1 " + rows + " and " + w + ")";
                case "none" -> "not exists (select 1 " + rows + " and " + w + ")";
                default -> "not exists (select 1 " + rows + " and not coalesce(" + w + ", false))"; // every: none fails
            });
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" and ", parts) + ")";
    }

    /** The join of a to-one relation's row {@code x} to row {@code a}. */
    private static String join(Entity entity, String a, RelationalModel.ToOne one, Entity target, String x) {
        if (one instanceof RelationalModel.Referenced r) {
            return x + "." + target.id() + " = " + a + "." + r.column();
        }
        return x + "." + ((RelationalModel.ReferencedBy) one).column() + " = " + a + "." + entity.id();
    }

    /**
     * {@code from ... where <x is related to a>}: the rows {@code x} of a relation list of row {@code a} (through the link
     * table for a many-to-many), open for more conditions with {@code and}.
     */
    String rows(Entity entity, String a, RelationalModel.ToMany many, Entity target, String x) {
        if (many instanceof RelationalModel.Referencing r) {
            return "from " + target.table() + " " + x + " where " + x + "." + r.column() + " = " + a + "." + entity.id();
        }
        RelationalModel.Through t = (RelationalModel.Through) many;
        return "from " + t.link() + " " + x + "_l join " + target.table() + " " + x + " on " + x + "." + target.id() + " = " + x + "_l."
                + t.toTarget() + " where " + x + "_l." + t.toParent() + " = " + a + "." + entity.id();
    }

    private String comparison(RelationalModel.Column column, String c, String op, Object value, Plan.Arg arg, List<Object> path) {
        String type = switch (column.format()) {
            case ID -> "int8";
            case TEXT -> "text";
            case DATE_TIME -> "timestamptz";
        };
        String at = "where." + dotted(path);
        return switch (op) {
            case "eq" -> c + " = " + param(arg, path, column, at, type);
            case "ne" -> c + " is distinct from " + param(arg, path, column, at, type);
            case "lt" -> c + " < " + param(arg, path, column, at, type);
            case "lte" -> c + " <= " + param(arg, path, column, at, type);
            case "gt" -> c + " > " + param(arg, path, column, at, type);
            case "gte" -> c + " >= " + param(arg, path, column, at, type);
            case "in" -> c + " = any(" + arrayParam(arg, path, column, at, type) + ")";
            case "notIn" -> "not coalesce(" + c + " = any(" + arrayParam(arg, path, column, at, type) + "), false)";
            case "isNull" -> c + ((Boolean) value ? " is null" : " is not null");
            case "startsWith" -> {
                // a prefix can use a text_pattern_ops index, but only in a plan made with the pattern's value
                writer.planPerExecution();
                yield c + " like " + likeParam(arg, path, "", "%");
            }
            case "endsWith" -> c + " like " + likeParam(arg, path, "%", "");
            case "contains" -> c + " like " + likeParam(arg, path, "%", "%");
            // lower() under the model's folding collation (PostgreSQL 17's builtin C.UTF-8, or ICU's root) folds every
            // Unicode letter, whatever the database's own locale
            case "containsInsensitive" -> "strpos(lower(" + c + folding() + "), lower(" + writer.param(v -> text(at(arg, v, path)), "text")
                    + folding() + ")) > 0";
            default -> throw new IllegalStateException("unchecked condition " + op);
        };
    }

    private String folding() {
        String collation = model.foldingCollation();
        if (collation == null) {
            return "";
        }
        return " collate " + (collation.matches("[a-z_][a-z0-9_]*") ? collation : "\"" + collation + "\"");
    }

    private String param(Plan.Arg arg, List<Object> path, RelationalModel.Column column, String at, String type) {
        return writer.param(v -> value(column, at(arg, v, path), at), type);
    }

    private String arrayParam(Plan.Arg arg, List<Object> path, RelationalModel.Column column, String at, String type) {
        return writer.param(v -> {
            List<?> values = list(at(arg, v, path));
            if (column.format() == RelationalModel.Format.ID) {
                Long[] out = new Long[values.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Filters.id(values.get(i), at);
                }
                return out;
            }
            String[] out = new String[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = text(values.get(i));
            }
            return out;
        }, type + "[]");
    }

    /** A LIKE pattern that matches the text literally: \, % and _ escaped (LIKE's escape character is \). */
    private String likeParam(Plan.Arg arg, List<Object> path, String before, String after) {
        return writer.param(v -> before + text(at(arg, v, path)).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + after,
                "text");
    }

    private static Object value(RelationalModel.Column column, Object x, String at) {
        return switch (column.format()) {
            case ID -> Filters.id(x, at);
            case TEXT -> text(x);
            case DATE_TIME -> dateTime(x, at);
        };
    }

    private static String text(Object x) {
        if (x instanceof String s) {
            return s;
        }
        throw new SqlWriter.Fallback("not a String: " + x);
    }

    static OffsetDateTime dateTime(Object x, String at) {
        try {
            if (x instanceof OffsetDateTime o) {
                return o;
            }
            if (x instanceof TemporalAccessor t) {
                return OffsetDateTime.from(t);
            }
            if (x instanceof String s) {
                return OffsetDateTime.parse(s);
            }
        } catch (java.time.DateTimeException e) {
            // below
        }
        throw new ApiException(ErrorCode.VALIDATION, at + " must be a DateTime (ISO-8601 with an offset), got \"" + x + "\"");
    }

    /** The value at {@code path} in this request's where (the binder's way to it). */
    private static Object at(Plan.Arg arg, Map<String, Object> variables, List<Object> path) {
        Object v = arg.resolve(variables);
        for (Object step : path) {
            if (step instanceof Integer i) {
                v = list(v).get(i);
            } else {
                v = ((Map<?, ?>) v).get(step);
            }
        }
        return v;
    }

    private static List<?> list(Object v) {
        return v instanceof List<?> l ? l : List.of(v);
    }

    private static List<Object> with(List<Object> path, Object step) {
        List<Object> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(step);
        return out;
    }

    private static String dotted(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(step);
            }
        }
        return sb.toString();
    }

    // --- sort -------------------------------------------------------------------------------------

    /** A sort key as SQL over row {@code a}: its value, and whether it is a count (never null) or a column. */
    record SortKey(String sql, boolean descending, String type) {
        String order() {
            return sql + (descending ? " desc" : " asc") + " nulls last";
        }
    }

    /** The sort's keys over row {@code a} of {@code entity}. */
    List<SortKey> sort(Entity entity, String a, List<Sorts.Key> keys) {
        List<SortKey> out = new ArrayList<>();
        for (Sorts.Key k : keys) {
            out.add(new SortKey(keySql(entity, a, k.path(), 0, k), k.descending(), k.column() == null ? "int8" : switch (k.column().format()) {
                case ID -> "int8";
                case TEXT -> "text";
                case DATE_TIME -> "timestamptz";
            }));
        }
        return out;
    }

    private String keySql(Entity entity, String a, List<RelationalModel.ToOne> path, int step, Sorts.Key k) {
        if (step == path.size()) {
            if (k.column() != null) {
                return a + "." + k.column().name();
            }
            Entity target = model.entity(k.count().target());
            String x = writer.alias();
            if (k.count() instanceof RelationalModel.Referencing r) {
                return "(select count(*) from " + target.table() + " " + x + " where " + x + "." + r.column() + " = " + a + "." + entity.id()
                        + ")";
            }
            RelationalModel.Through t = (RelationalModel.Through) k.count();
            return "(select count(*) from " + t.link() + " " + x + " where " + x + "." + t.toParent() + " = " + a + "." + entity.id() + ")";
        }
        RelationalModel.ToOne one = path.get(step);
        Entity target = model.entity(one.target());
        String x = writer.alias();
        return "(select " + keySql(target, x, path, step + 1, k) + " from " + target.table() + " " + x + " where "
                + join(entity, a, one, target, x) + ")";
    }
}

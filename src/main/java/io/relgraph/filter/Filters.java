package io.relgraph.filter;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.RelationalModel.Entity;

/**
 * The rules of a {@code where} argument, checked on its value (a literal of the document or a
 * variable, as graphql-java coerced it: maps, lists, strings) before any SQL is written: what each
 * field of an {@code XWhere} means comes from the {@link RelationalModel} (a column takes a filter,
 * a to-one relation a where of its target and an {@code xExists} boolean, a to-many relation a
 * match). Nothing is silently dropped: a null anywhere, an empty filter or match is
 * {@code VALIDATION}; more than {@value #MAX_QUANTIFIERS} nested quantifiers, more than
 * {@value #MAX_LEAVES} comparisons or an {@code in} list longer than the page limit is
 * {@code LIMIT_EXCEEDED}, with the number.
 */
public final class Filters {

    /** Nested some/every/none at most. */
    public static final int MAX_QUANTIFIERS = 4;
    /** Comparisons (a filter's conditions, xExists) in one where at most. */
    public static final int MAX_LEAVES = 100;
    /** Objects nested in one where at most (and/or/not, relations): bounds the work a variable can ask for. */
    public static final int MAX_NESTING = 32;

    public static final Set<String> QUANTIFIERS = Set.of("some", "every", "none");
    private static final Set<String> ID_OPS = Set.of("eq", "ne", "in", "notIn", "lt", "lte", "gt", "gte");
    private static final Set<String> TEXT_OPS = Set.of("eq", "ne", "in", "notIn", "lt", "lte", "gt", "gte", "startsWith", "endsWith",
            "contains", "containsInsensitive", "isNull");
    private static final Set<String> DATE_TIME_OPS = Set.of("eq", "ne", "lt", "lte", "gt", "gte");

    private Filters() {
    }

    /** The operations a column's filter takes, by the column's format. */
    public static Set<String> operations(RelationalModel.Format format) {
        return switch (format) {
            case ID -> ID_OPS;
            case TEXT -> TEXT_OPS;
            case DATE_TIME -> DATE_TIME_OPS;
        };
    }

    /** The to-one relation an {@code xExists} field asks about, or null when {@code field} is not one. */
    public static RelationalModel.ToOne exists(Entity entity, String field) {
        return field.endsWith("Exists") ? entity.toOne().get(field.substring(0, field.length() - "Exists".length())) : null;
    }

    /**
     * Checks a where over {@code entity}.
     *
     * @param argument how the message names it ({@code where})
     * @param maxIn the page limit: the longest {@code in} list
     * @throws ApiException VALIDATION or LIMIT_EXCEEDED
     */
    public static void check(RelationalModel model, Entity entity, Object where, String argument, int maxIn) {
        Count count = new Count();
        where(model, entity, where, argument, 0, 0, count, maxIn);
    }

    private static final class Count {
        int leaves;
    }

    private static void where(RelationalModel model, Entity entity, Object value, String path, int quantifiers, int nesting, Count count,
            int maxIn) {
        if (nesting > MAX_NESTING) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, path + " nests more than " + MAX_NESTING + " conditions");
        }
        Map<?, ?> where = object(value, path);
        for (Map.Entry<?, ?> e : where.entrySet()) {
            String key = (String) e.getKey();
            String at = path + "." + key;
            Object v = e.getValue();
            notNull(v, at);
            switch (key) {
                case "and", "or" -> {
                    List<?> list = list(v, at);
                    for (int i = 0; i < list.size(); i++) {
                        where(model, entity, list.get(i), at + "[" + i + "]", quantifiers, nesting + 1, count, maxIn);
                    }
                }
                case "not" -> where(model, entity, v, at, quantifiers, nesting + 1, count, maxIn);
                default -> field(model, entity, key, v, at, quantifiers, nesting, count, maxIn);
            }
        }
    }

    private static void field(RelationalModel model, Entity entity, String key, Object v, String at, int quantifiers, int nesting,
            Count count, int maxIn) {
        RelationalModel.Column column = entity.columns().get(key);
        if (column != null) {
            filter(column, v, at, count, maxIn);
            return;
        }
        RelationalModel.ToOne one = entity.toOne().get(key);
        if (one != null) {
            where(model, model.entity(one.target()), v, at, quantifiers, nesting + 1, count, maxIn);
            return;
        }
        if (exists(entity, key) != null) {
            if (!(v instanceof Boolean)) {
                throw validation(at + " must be true or false");
            }
            leaf(count, at);
            return;
        }
        RelationalModel.ToMany many = entity.toMany().get(key);
        if (many == null) {
            throw validation(at + " is not a field of " + entity.type() + "'s where");
        }
        Map<?, ?> match = object(v, at);
        if (match.isEmpty()) {
            throw validation(at + " is empty: give some, every or none (an empty match would be dropped silently)");
        }
        if (quantifiers + 1 > MAX_QUANTIFIERS) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, at + " is quantifier " + (quantifiers + 1) + " nested in one where, more than "
                    + MAX_QUANTIFIERS);
        }
        for (Map.Entry<?, ?> q : match.entrySet()) {
            String quantifier = (String) q.getKey();
            notNull(q.getValue(), at + "." + quantifier);
            if (!QUANTIFIERS.contains(quantifier)) {
                throw validation(at + "." + quantifier + " is not some, every or none");
            }
            where(model, model.entity(many.target()), q.getValue(), at + "." + quantifier, quantifiers + 1, nesting + 1, count, maxIn);
        }
    }

    private static void filter(RelationalModel.Column column, Object v, String at, Count count, int maxIn) {
        Map<?, ?> filter = object(v, at);
        if (filter.isEmpty()) {
            throw validation(at + " is an empty filter: give at least one condition (an empty filter would be dropped silently)");
        }
        Set<String> ops = operations(column.format());
        for (Map.Entry<?, ?> c : filter.entrySet()) {
            String op = (String) c.getKey();
            String cond = at + "." + op;
            if (!ops.contains(op)) {
                throw validation(cond + " is not a condition on " + column.format().name().toLowerCase(Locale.ROOT));
            }
            if (c.getValue() == null) {
                throw validation(cond + " is null: to find missing values use isNull: true; leave the condition out to not filter");
            }
            leaf(count, cond);
            if (op.equals("in") || op.equals("notIn")) {
                List<?> values = list(c.getValue(), cond);
                if (values.size() > maxIn) {
                    throw new ApiException(ErrorCode.LIMIT_EXCEEDED, cond + " has " + values.size() + " values, more than " + maxIn
                            + " (relgraph.max-page-size)");
                }
                for (Object x : values) {
                    notNull(x, cond);
                    value(column, x, cond);
                }
            } else if (op.equals("isNull")) {
                if (!(c.getValue() instanceof Boolean)) {
                    throw validation(cond + " must be true or false");
                }
            } else {
                value(column, c.getValue(), cond);
            }
        }
    }

    private static void value(RelationalModel.Column column, Object x, String at) {
        if (column.format() == RelationalModel.Format.ID) {
            id(x, at);
        }
    }

    /** An ID condition's value as the key's number: a plain decimal integer. */
    public static long id(Object x, String at) {
        String s = x instanceof String str ? str : x instanceof Number ? x.toString() : null;
        if (s == null || !s.matches("-?[0-9]{1,19}")) {
            throw validation(at + " must be an ID (a whole number), got \"" + x + "\"");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw validation(at + " must be an ID (a whole number), got \"" + x + "\"");
        }
    }

    private static void leaf(Count count, String at) {
        if (++count.leaves > MAX_LEAVES) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "The where has more than " + MAX_LEAVES + " comparisons (" + at + " is number "
                    + count.leaves + ")");
        }
    }

    private static Map<?, ?> object(Object v, String at) {
        notNull(v, at);
        if (!(v instanceof Map<?, ?> m)) {
            throw validation(at + " must be an object");
        }
        return m;
    }

    private static List<?> list(Object v, String at) {
        if (v instanceof List<?> l) {
            return l;
        }
        return List.of(v); // a single value where a list is expected: GraphQL's input coercion
    }

    private static void notNull(Object v, String at) {
        if (v == null) {
            throw validation(at + " is null: leave it out instead (a null condition would be dropped silently)");
        }
    }

    static ApiException validation(String message) {
        return new ApiException(ErrorCode.VALIDATION, message);
    }

    /** What the resolver engine answers for a field with where, sort, an aggregate or a group: only compiled reads ask these. */
    public static ApiException onlyCompiled(String what) {
        return new ApiException(ErrorCode.VALIDATION, what + " is answered by compiled reads only, and this request is answered by the"
                + " resolver engine (X-Relgraph-Engine: resolver, relgraph.graphql.compiler.enabled=false, or the payload of a"
                + " mutation of several fields); ask it as a query, or in a mutation of one field");
    }
}

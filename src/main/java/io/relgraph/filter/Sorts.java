package io.relgraph.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.RelationalModel.Entity;

/**
 * The rules of a {@code sort} argument: a list of keys, each element setting exactly one field (a
 * column, a to-one relation's own one-field sort, or an {@code xCount} of a to-many relation); a
 * sort goes with no {@code orderBy}, and a relation list's {@code after} (an id) has no place in it.
 * {@link #keys} turns a checked sort into the {@link Key}s the compiler orders by.
 */
public final class Sorts {

    /** Keys in one sort at most. */
    public static final int MAX_KEYS = 10;

    private Sorts() {
    }

    /**
     * One key: a column of the row reached through {@code path} (to-one relations from the sorted row),
     * or the count of a to-many relation of that row ({@code count} set).
     */
    public record Key(List<RelationalModel.ToOne> path, Entity entity, RelationalModel.Column column, RelationalModel.ToMany count,
            boolean descending) {
    }

    /** The keys of a sort over {@code entity}, checked. */
    public static List<Key> keys(RelationalModel model, Entity entity, Object sort, String argument) {
        List<?> elements = sort instanceof List<?> l ? l : List.of(sort);
        if (elements.size() > MAX_KEYS) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, argument + " has " + elements.size() + " keys, more than " + MAX_KEYS);
        }
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            keys.add(key(model, entity, elements.get(i), argument + "[" + i + "]", new ArrayList<>()));
        }
        return keys;
    }

    private static Key key(RelationalModel model, Entity entity, Object element, String at, List<RelationalModel.ToOne> path) {
        if (!(element instanceof Map<?, ?> m) || m.size() != 1 || m.values().iterator().next() == null) {
            throw Filters.validation(at + " must set exactly one field (one key per element: [{name: ASC}, {id: DESC}])");
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        String field = (String) e.getKey();
        Object value = e.getValue();
        RelationalModel.Column column = entity.columns().get(field);
        if (column != null) {
            return new Key(List.copyOf(path), entity, column, null, descending(value, at + "." + field));
        }
        RelationalModel.ToOne one = entity.toOne().get(field);
        if (one != null) {
            path.add(one);
            return key(model, model.entity(one.target()), value, at + "." + field, path);
        }
        if (field.endsWith("Count")) {
            RelationalModel.ToMany many = entity.toMany().get(field.substring(0, field.length() - "Count".length()));
            if (many != null) {
                return new Key(List.copyOf(path), entity, null, many, descending(value, at + "." + field));
            }
        }
        throw Filters.validation(at + "." + field + " is not a key of " + entity.type());
    }

    private static boolean descending(Object direction, String at) {
        String d = direction instanceof Enum<?> en ? en.name() : String.valueOf(direction);
        return switch (d) {
            case "ASC" -> false;
            case "DESC" -> true;
            default -> throw Filters.validation(at + " must be ASC or DESC");
        };
    }
}

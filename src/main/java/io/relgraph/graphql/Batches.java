package io.relgraph.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lines up the rows of one batched query with the parents that asked for them: a batch resolver
 * must answer one entry per parent, in the parents' order.
 */
public final class Batches {

    private Batches() {
    }

    /** The distinct keys of the parents, for an {@code in (:keys)} parameter. */
    public static <P, K> List<K> keys(List<P> parents, Function<P, K> keyOf) {
        LinkedHashMap<K, Boolean> keys = new LinkedHashMap<>();
        for (P p : parents) {
            K k = keyOf.apply(p);
            if (k != null) {
                keys.put(k, Boolean.TRUE);
            }
        }
        return new ArrayList<>(keys.keySet());
    }

    /** For each parent, the rows whose key is the parent's, in row order (one-to-many). */
    public static <P, K, V> List<List<V>> many(List<P> parents, Function<P, K> parentKey, List<V> rows, Function<V, K> rowKey) {
        Map<K, List<V>> byKey = new HashMap<>();
        for (V row : rows) {
            byKey.computeIfAbsent(rowKey.apply(row), k -> new ArrayList<>()).add(row);
        }
        List<List<V>> result = new ArrayList<>(parents.size());
        for (P p : parents) {
            result.add(byKey.getOrDefault(parentKey.apply(p), List.of()));
        }
        return result;
    }

    /** Each group's rows mapped, groups kept in order. */
    public static <R, V> List<List<V>> values(List<List<R>> groups, Function<R, V> value) {
        List<List<V>> out = new ArrayList<>(groups.size());
        for (List<R> g : groups) {
            List<V> vs = new ArrayList<>(g.size());
            for (R r : g) {
                vs.add(value.apply(r));
            }
            out.add(vs);
        }
        return out;
    }

    /** For each parent, the row whose key is the parent's, or null (many-to-one, one-to-one). */
    public static <P, K, V> List<V> one(List<P> parents, Function<P, K> parentKey, List<V> rows, Function<V, K> rowKey) {
        Map<K, V> byKey = new HashMap<>();
        for (V row : rows) {
            byKey.put(rowKey.apply(row), row);
        }
        List<V> result = new ArrayList<>(parents.size());
        for (P p : parents) {
            K k = parentKey.apply(p);
            result.add(k == null ? null : byKey.get(k));
        }
        return result;
    }
}

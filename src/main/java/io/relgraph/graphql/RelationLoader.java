package io.relgraph.graphql;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Column;
import jakarta.persistence.Id;

import io.relgraph.db.Reads;
import io.relgraph.model.ModelReader;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.RelationalModel.Entity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The resolver engine's batch loader of every relation of the relational model: one statement for all
 * the parents of a level, written from the model (target table, join columns, list order and page
 * key), so a relation's GraphQL field names the relation and how to map a row, nothing else. Lists are
 * top-N per parent ({@code first}, {@code after} the page key) through LATERAL over the parents' keys.
 *
 * <p>A parent's key is read from its entity by column name (the field whose {@code @Column} or
 * {@code @Id} maps that column), so the entity's own mapping is the only place its foreign keys are
 * named on the Java side. Every statement's first column, {@code relgraph_key}, is the parent key a
 * row belongs to, which lines the rows up with their parents.
 */
@ApplicationScoped
public class RelationLoader {

    private static final String KEY = "relgraph_key";

    private final Reads reads;
    private final PageLimits limits;
    private final ModelReader model;
    private final Map<String, String> statements = new ConcurrentHashMap<>();

    public RelationLoader(Reads reads, PageLimits limits, ModelReader model) {
        this.reads = reads;
        this.limits = limits;
        this.model = model;
    }

    /** For each parent of {@code type}, the row its to-one {@code field} reaches, or null. */
    public <P, T> Uni<List<T>> one(String type, String field, List<P> parents, Function<Row, T> mapper) {
        RelationalModel m = model.model();
        Entity parent = m.entity(type);
        RelationalModel.ToOne relation = parent.toOne().get(field);
        if (relation == null) {
            throw new IllegalStateException(type + "." + field + " is not a to-one of the model");
        }
        Entity target = m.entity(relation.target());
        String column = relation instanceof RelationalModel.Referenced r ? r.column() : parent.id();
        String sql = statements.computeIfAbsent(type + "." + field, k -> {
            // the target row by its key, or the one whose unique column references the parent
            String match = relation instanceof RelationalModel.ReferencedBy r ? r.column() : target.id();
            return "select x." + match + " as " + KEY + ", " + columns("x", target) + " from " + target.table() + " x where x." + match
                    + " = any($1)";
        });
        Function<P, Long> key = p -> key(p, column);
        return reads.batch(sql, Batches.keys(parents, key), Tuple.tuple(), row -> new Keyed<>(row.getLong(KEY), mapper.apply(row)))
                .map(rows -> {
                    List<T> out = new java.util.ArrayList<>(parents.size());
                    for (Keyed<T> k : Batches.one(parents, key, rows, Keyed::key)) {
                        out.add(k == null ? null : k.value());
                    }
                    return out;
                });
    }

    /**
     * For each parent of {@code type}, the rows of its list {@code field}: the first {@code first} after the
     * page key {@code after}, all of them up to the page limit without {@code first} (LIMIT_EXCEEDED,
     * naming them {@code what}, beyond it).
     */
    public <P, T> Uni<List<List<T>>> list(String type, String field, List<P> parents, Integer first, Long after, String what,
            Function<Row, T> mapper) {
        return list(type, field, null, parents, first, after, what, mapper);
    }

    /**
     * The same, with the row each listed row's to-one {@code joined} reaches joined to it (a client
     * selected it below the list: then that field needs no statement of its own), when the model
     * allows it: a foreign key that is never null, and no column name the two rows share (the mapper
     * reads both by name). Otherwise the plain list; the mapper sees the joined row's columns or not.
     */
    public <P, T> Uni<List<List<T>>> list(String type, String field, String joined, List<P> parents, Integer first, Long after,
            String what, Function<Row, T> mapper) {
        RelationalModel m = model.model();
        Entity parent = m.entity(type);
        RelationalModel.ToMany relation = parent.toMany().get(field);
        if (relation == null) {
            throw new IllegalStateException(type + "." + field + " is not a list of the model");
        }
        Join join = joined == null ? null : join(m, relation, joined);
        String sql = statements.computeIfAbsent(type + "." + field + (join == null ? "" : "+" + joined), k -> listStatement(m, relation, join));
        Function<P, Long> key = p -> key(p, parent.id());
        return reads.batch(sql, Batches.keys(parents, key), Tuple.of(after == null ? 0L : after, limits.limit(first)),
                row -> new Keyed<>(row.getLong(KEY), mapper.apply(row)))
                .map(rows -> limits.completeEach(Batches.values(Batches.many(parents, key, rows, Keyed::key), Keyed::value), first, what));
    }

    /** Whether the rows of the statement carry the joined row's columns: see {@link #list(String, String, String, List, Integer, Long, String, Function)}. */
    public boolean joins(String type, String field, String joined) {
        RelationalModel m = model.model();
        return join(m, m.entity(type).toMany().get(field), joined) != null;
    }

    /** A listed row's to-one joined to it: the join clause and the joined row's columns. */
    private record Join(String clause, String columns) {
    }

    /** The join of a listed row's to-one {@code joined} (over alias x, as alias y), or null when the model does not allow it. */
    private static Join join(RelationalModel m, RelationalModel.ToMany relation, String joined) {
        if (!(relation instanceof RelationalModel.Referencing r)) {
            return null;
        }
        Entity listed = m.entity(r.target());
        if (!(listed.toOne().get(joined) instanceof RelationalModel.Referenced one)) {
            return null;
        }
        Entity target = m.entity(one.target());
        boolean notNull = m.foreignKey(listed.table(), one.column()).map(fk -> fk.notNull()).orElse(false);
        if (!notNull || listed.rowColumns().stream().anyMatch(target.rowColumns()::contains)) {
            return null;
        }
        return new Join(" join " + target.table() + " y on y." + target.id() + " = x." + one.column(), columns("y", target));
    }

    private static String listStatement(RelationalModel m, RelationalModel.ToMany relation, Join join) {
        Entity target = m.entity(relation.target());
        if (relation instanceof RelationalModel.Referencing r) {
            // the rows that reference the parent, after the page key
            return "select p.id as " + KEY + ", " + columns("x", target) + (join == null ? "" : ", " + join.columns())
                    + " from unnest($1::int8[]) as p(id) cross join lateral (select " + String.join(", ", target.rowColumns()) + " from "
                    + target.table() + " where " + r.column() + " = p.id and " + r.pageKey() + " > $2 order by " + r.pageKey()
                    + " limit $3) x" + (join == null ? "" : join.clause()) + " order by p.id, x." + r.pageKey();
        }
        // the far ends' keys from the link table, then their rows
        RelationalModel.Through t = (RelationalModel.Through) relation;
        return "select p.id as " + KEY + ", " + columns("x", target) + " from unnest($1::int8[]) as p(id) cross join lateral (select "
                + t.toTarget() + " from " + t.link() + " where " + t.toParent() + " = p.id and " + t.toTarget() + " > $2 order by "
                + t.toTarget() + " limit $3) l join " + target.table() + " x on x." + target.id() + " = l." + t.toTarget()
                + " order by p.id, x." + target.id();
    }

    private static String columns(String alias, Entity e) {
        return String.join(", ", e.rowColumns().stream().map(c -> alias + "." + c).toList());
    }

    /** A row and the parent key it belongs to. */
    private record Keyed<T>(Long key, T value) {
    }

    // --- a parent's key columns, from its entity's mapping ----------------------------------------

    private static final ClassValue<Map<String, Field>> COLUMNS = new ClassValue<>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> type) {
            Map<String, Field> out = new HashMap<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    Column column = f.getAnnotation(Column.class);
                    String name = column != null && !column.name().isEmpty() ? column.name()
                            : column != null || f.isAnnotationPresent(Id.class) ? f.getName() : null;
                    if (name != null) {
                        // Panache's enhancement turns an entity's public fields protected (its accessors are the public face)
                        f.setAccessible(true);
                        out.putIfAbsent(name, f);
                    }
                }
            }
            return out;
        }
    };

    /** The value of {@code column} in an entity's mapped fields (a bigint key: its primary key or a foreign key). */
    private static Long key(Object entity, String column) {
        Field f = COLUMNS.get(entity.getClass()).get(column);
        if (f == null) {
            throw new IllegalStateException(entity.getClass().getSimpleName() + " maps no field to the column " + column);
        }
        try {
            return (Long) f.get(entity);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}

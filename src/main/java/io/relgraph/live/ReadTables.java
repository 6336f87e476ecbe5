package io.relgraph.live;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.arc.Arc;
import io.relgraph.model.ModelReader;
import io.relgraph.model.RelationalModel;

/**
 * The tables a live query reads, from the GraphQL types and relation fields its selection touches, as
 * the relational model maps them: a type's table (a page type's: its rows'), and for a many-to-many
 * list the link table it goes through (whose type the selection need not name). A change to any of
 * them re-runs it. A superset is harmless (an unchanged answer is not sent), a missing table would
 * leave subscribers stale; so a type the model does not map makes the query depend on every table
 * ({@link #ALL}).
 */
final class ReadTables {

    /** Stands for "every table": a selection with a type the model does not map. */
    static final String ALL = "*";

    private ReadTables() {
    }

    /** {@link #of(RelationalModel, Collection, Collection)} under the model read at start. */
    static Set<String> of(Collection<String> objectTypes, Collection<String> fields) {
        return of(Arc.container().instance(ModelReader.class).get().model(), objectTypes, fields);
    }

    /**
     * @param objectTypes the object types in the selection (the root field's type included)
     * @param fields the selected fields as {@code Type.field}
     */
    static Set<String> of(RelationalModel model, Collection<String> objectTypes, Collection<String> fields) {
        Set<String> tables = new TreeSet<>();
        for (String type : objectTypes) {
            RelationalModel.Entity e = model.entity(type);
            if (e == null) {
                e = model.entityOfPage(type);
            }
            if (e == null) {
                return Set.of(ALL);
            }
            tables.add(e.table());
        }
        for (String field : fields) {
            int dot = field.indexOf('.');
            if (dot > 0) {
                tables.addAll(model.tablesBetween(field.substring(0, dot), field.substring(dot + 1)));
            }
        }
        return Set.copyOf(tables);
    }
}

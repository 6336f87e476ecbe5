package io.relgraph.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.relgraph.model.ApiNames;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.RelationalModel.Entity;

/**
 * A list of the API whose length the data decides, and how to measure the longest one the database
 * holds, both read from the {@link RelationalModel}: a relation list (a department's employees) is as
 * long as the largest group of the foreign key that leads to its rows (the link table's for a
 * many-to-many); a root list is as long as its table, or, where an argument narrows it (an exact
 * name, a department), as the largest group of the column that argument compares. A relation added
 * to the model is measured with no line here.
 *
 * @param type the GraphQL type that holds the list ({@code Query} for a root list)
 * @param field the list field
 * @param narrowedBy the argument that narrows it, or null for the list without it
 * @param table the table whose rows are counted
 * @param groupedBy the column whose largest group is the list's length, or null: the table's rows
 */
public record SizedList(String type, String field, String narrowedBy, String table, String groupedBy) {

    /** Every list of the model: each root list (and each of its narrowing arguments), each relation list. */
    public static List<SizedList> of(RelationalModel model) {
        List<SizedList> lists = new ArrayList<>();
        for (RelationalModel.Root root : model.roots().values()) {
            if (root.read() != ApiNames.Read.LIST) {
                continue; // a row is one; a page and groups always have a first (a default where none is sent)
            }
            String table = root.entity().table();
            lists.add(new SizedList("Query", root.field(), null, table, null));
            root.arguments().forEach((argument, column) -> lists.add(new SizedList("Query", root.field(), argument, table, column.name())));
        }
        for (Entity entity : model.entities().values()) {
            entity.toMany().forEach((field, many) -> {
                if (many instanceof RelationalModel.Referencing r) {
                    lists.add(new SizedList(entity.type(), field, null, model.entity(r.target()).table(), r.column()));
                } else if (many instanceof RelationalModel.Through t) {
                    lists.add(new SizedList(entity.type(), field, null, t.link(), t.toParent()));
                }
            });
        }
        return List.copyOf(lists);
    }

    /** {@code Department.employees}, {@code Query.employees(name)}: how metrics and messages name it. */
    public String coordinate() {
        return type + "." + field + (narrowedBy == null ? "" : "(" + narrowedBy + ")");
    }

    /**
     * The SQL expression that measures the list, counting no further than {@code cap}: a table's rows
     * stop at the cap (a root list without first holds at most the page limit); a largest group counts
     * every group (the column's index serves it where there is one) and then takes the cap.
     */
    String measure(long cap) {
        if (groupedBy == null) {
            return String.format(Locale.ROOT, "(select count(*) from (select 1 from %s limit %d) t)", table, cap);
        }
        return String.format(Locale.ROOT, "coalesce((select least(count(*), %d) from %s where %s is not null group by %s"
                + " order by count(*) desc limit 1), 0)", cap, table, groupedBy, groupedBy);
    }

    /** Each distinct measure of the lists (lists measured alike share one), with its column in {@link #statement}. */
    static Map<String, Integer> measures(List<SizedList> lists, int pageLimit) {
        Map<String, Integer> measures = new LinkedHashMap<>();
        for (SizedList list : lists) {
            measures.putIfAbsent(list.measure(pageLimit + 1L), measures.size());
        }
        return measures;
    }

    /** The one statement that measures every list (bench/estimate-refresh.sh runs it on the bench data too). */
    public static String statement(List<SizedList> lists, int pageLimit) {
        return "select " + String.join(", ", measures(lists, pageLimit).keySet());
    }
}

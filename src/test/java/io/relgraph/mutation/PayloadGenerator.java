package io.relgraph.mutation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random selection sets over the API's object types, written from the schema's documentation alone
 * (fields, relations and their types), for comparing the two paths of a mutation. A relation keeps one
 * {@code first} per request, so the resolver engine (one argument set per relation) can answer it too.
 */
final class PayloadGenerator {

    private record Relation(String field, String type, boolean list) {
    }

    private static final Map<String, List<String>> SCALARS = Map.of(
            "Department", List.of("id", "name", "__typename"),
            "Employee", List.of("id", "name", "hiredOn", "__typename"),
            "DepartmentEmployeeLink", List.of("extraData", "__typename"));

    private static final Map<String, List<Relation>> RELATIONS = Map.of(
            "Department", List.of(new Relation("head", "Employee", false), new Relation("employeeLinks", "DepartmentEmployeeLink", true),
                    new Relation("employees", "Employee", true)),
            "Employee", List.of(new Relation("headOf", "Department", false), new Relation("departmentLinks", "DepartmentEmployeeLink", true),
                    new Relation("departments", "Department", true)),
            "DepartmentEmployeeLink", List.of(new Relation("department", "Department", false), new Relation("employee", "Employee", false)));

    private PayloadGenerator() {
    }

    /** A selection set (with braces) on {@code type}, at most {@code depth} relations deep. */
    static String selection(Random random, String type, int depth) {
        return selection(random, type, depth, new HashMap<>());
    }

    private static String selection(Random random, String type, int depth, Map<String, String> firsts) {
        StringBuilder out = new StringBuilder("{");
        List<String> scalars = SCALARS.get(type);
        int fields = 1 + random.nextInt(3);
        for (int i = 0; i < fields; i++) {
            String f = scalars.get(random.nextInt(scalars.size()));
            out.append(' ').append(random.nextInt(5) == 0 ? "a" + i + ": " + f : f);
        }
        if (depth > 0) {
            for (Relation r : RELATIONS.get(type)) {
                if (random.nextInt(3) != 0) {
                    continue;
                }
                out.append(' ').append(r.field());
                if (r.list()) {
                    // always a first: without one a list counts the longest such list the database holds, and on a database
                    // other tests filled (the packaged app's) the row limit would refuse the payload before the write
                    String first = firsts.computeIfAbsent(r.field(), k -> "(first: " + (1 + random.nextInt(4)) + ")");
                    out.append(first);
                }
                out.append(' ').append(selection(random, r.type(), depth - 1, firsts));
            }
        }
        return out.append(" }").toString();
    }
}

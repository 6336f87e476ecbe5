package io.relgraph.estimate;

import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.relgraph.filter.Filters;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.RelationalModel.Entity;

/**
 * How many rows a {@code where} may visit, estimated before it runs from the model and PostgreSQL's
 * {@link Statistics} (no statement): issue 16's rule 6, limited by {@code relgraph.graphql.max-row-visits}.
 *
 * <p>A where over a table either reads the rows an index finds for it or scans the table, whichever
 * visits fewer (PostgreSQL's planner makes the same choice):
 * <ul>
 * <li><b>Scan</b>: every row of the table, plus what checking the where costs on each row
 * ({@link #check}): a column's comparison nothing more, a to-one relation the related row (and its
 * own where), a quantifier ({@code some}, {@code every}, {@code none}) over a list the list's rows
 * (its average length, from the foreign key's distinct values; through the link table its links and
 * their rows) and their where.</li>
 * <li><b>Anchored</b>: a comparison an index serves ({@code eq}, {@code in}, the ranges, a text's
 * {@code startsWith} where the index serves a prefix, {@code isNull: true}, on an indexed column or
 * the key) finds the rows its selectivity estimates (most common values, histogram, distinct values,
 * as PostgreSQL's own estimates; its default selectivities where the column was not analyzed); a
 * to-one relation or a {@code some} whose own where is anchored finds the related rows first and
 * follows an indexed foreign key back; {@code and} takes its cheapest anchored part and checks the
 * rest on the rows it found, {@code or} is anchored when every branch is (their sum); {@code not},
 * {@code every}, {@code none}, {@code ne}, {@code notIn}, {@code endsWith}, {@code contains} and
 * {@code containsInsensitive} anchor nothing.</li>
 * </ul>
 * A relation list's where (a department's {@code employees(where:)}, its aggregate or groups) visits
 * that list's rows and checks the where on each; the request's estimate multiplies it by the rows of
 * the lists above (as the row limit counts them) and sums over the document.
 *
 * <p>Immutable; an estimate reads only the statistics it was built with. The where is estimated as it
 * comes, before {@link Filters} checks it: what is malformed counts nothing here and is refused there.
 */
public final class RowVisits {

    /** PostgreSQL's DEFAULT_EQ_SEL: an equality on a column it knows nothing about. */
    static final double DEFAULT_EQ = 0.005;
    /** PostgreSQL's DEFAULT_INEQ_SEL: a range on a column it knows nothing about. */
    static final double DEFAULT_RANGE = 1.0 / 3;
    /** PostgreSQL's DEFAULT_MATCH_SEL: a LIKE on a column it knows nothing about. */
    static final double DEFAULT_MATCH = 0.005;

    private static final Set<String> NOT_NARROWING = Set.of("first", "after", "where", "sort", "orderBy", "by");

    private final RelationalModel model;
    private final Statistics stats;

    public RowVisits(RelationalModel model, Statistics stats) {
        this.model = model;
        this.stats = stats;
    }

    public Statistics statistics() {
        return stats;
    }

    /**
     * The rows one evaluation of a field's where visits: a relation list of the parent's type (also
     * its {@code ...Aggregate} and {@code ...Groups}), per parent row; any other field with a where (a
     * root list, page, aggregate or groups) over its whole table, narrowed by its other arguments
     * ({@code links(departmentId:)}, {@code employees(name:)}).
     *
     * @param parentType the GraphQL type that holds the field
     * @param whereType the where argument's input type ({@code DepartmentWhere})
     * @return 0 when the field has no where, or is not one the model knows
     */
    public double field(String parentType, String field, String whereType, Map<String, Object> arguments) {
        Object where = arguments.get("where");
        if (!(where instanceof Map<?, ?>)) {
            return 0;
        }
        Entity parent = model.entity(parentType);
        if (parent != null) {
            RelationalModel.ToMany many = parent.toMany().get(relation(field));
            return many == null ? 0 : relation(parent, many, where);
        }
        Entity entity = entityOfWhere(whereType);
        return entity == null ? 0 : root(entity, narrowed(entity, where, arguments));
    }

    /** The rows a where over all of the entity's table visits. */
    public double root(Entity entity, Object where) {
        double scan = stats.rows(entity.table()) * (1 + check(entity, where, 0));
        Anchor anchored = anchored(entity, where, 0);
        return anchored == null ? scan : Math.min(scan, anchored.visits);
    }

    /** The rows a where over the list {@code many} of one row of {@code parent} visits. */
    public double relation(Entity parent, RelationalModel.ToMany many, Object where) {
        Entity target = model.entity(many.target());
        return fanout(parent, many) * (step(many) + check(target, where, 0));
    }

    /** {@code employeesAggregate} and {@code employeeLinkGroups} filter the list {@code employees}, {@code employeeLinks}. */
    private static String relation(String field) {
        if (field.endsWith("Aggregate")) {
            return field.substring(0, field.length() - "Aggregate".length());
        }
        if (field.endsWith("Groups")) {
            return field.substring(0, field.length() - "Groups".length()) + "s";
        }
        return field;
    }

    /** {@code LinkWhere} is over {@code DepartmentEmployeeLink}: the entity whose short name (model.ApiNames) the where's name starts with. */
    private Entity entityOfWhere(String whereType) {
        for (Entity e : model.entities().values()) {
            if ((e.shortName() + "Where").equals(whereType)) {
                return e;
            }
        }
        return null;
    }

    /** A root list's other arguments as the where conditions they are ({@code departmentId: 1} is {@code department: {id: {eq: 1}}}). */
    private static Object narrowed(Entity entity, Object where, Map<String, Object> arguments) {
        List<Object> and = new ArrayList<>();
        and.add(where);
        arguments.forEach((name, value) -> {
            if (value == null || NOT_NARROWING.contains(name)) {
                return;
            }
            if (entity.columns().containsKey(name)) {
                and.add(Map.of(name, Map.of("eq", value)));
            } else if (name.endsWith("Id") && entity.toOne().containsKey(name.substring(0, name.length() - 2))) {
                and.add(Map.of(name.substring(0, name.length() - 2), Map.of("id", Map.of("eq", value))));
            }
        });
        return and.size() == 1 ? where : Map.of("and", and);
    }

    // --- checking a where on one row ----------------------------------------------------------

    /** The rows checking the where on one row of the entity visits, beyond the row itself. */
    double check(Entity entity, Object where, int depth) {
        if (!(where instanceof Map<?, ?> m) || depth > Filters.MAX_NESTING) {
            return 0;
        }
        double sum = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            sum += checkEntry(entity, String.valueOf(e.getKey()), e.getValue(), depth);
        }
        return sum;
    }

    private double checkEntry(Entity entity, String key, Object value, int depth) {
        switch (key) {
            case "and", "or" -> {
                double sum = 0;
                for (Object item : list(value)) {
                    sum += check(entity, item, depth + 1);
                }
                return sum;
            }
            case "not" -> {
                return check(entity, value, depth + 1);
            }
            default -> {
                // below
            }
        }
        if (entity.columns().containsKey(key)) {
            return 0;
        }
        RelationalModel.ToOne one = entity.toOne().get(key);
        if (one != null) {
            Entity target = model.entity(one.target());
            return target == null ? 0 : 1 + check(target, value, depth + 1);
        }
        RelationalModel.ToOne exists = Filters.exists(entity, key);
        if (exists != null) {
            return exists instanceof RelationalModel.ReferencedBy ? 1 : 0; // the column itself, or the row pointing back
        }
        RelationalModel.ToMany many = entity.toMany().get(key);
        if (many == null || !(value instanceof Map<?, ?> match)) {
            return 0;
        }
        Entity target = model.entity(many.target());
        double fanout = fanout(entity, many);
        double sum = 0;
        for (Object quantified : match.values()) {
            sum += fanout * (step(many) + check(target, quantified, depth + 1));
        }
        return sum;
    }

    /** The average length of the list {@code many} of one row of {@code parent}. */
    private double fanout(Entity parent, RelationalModel.ToMany many) {
        double parents = stats.rows(parent.table());
        if (many instanceof RelationalModel.Referencing r) {
            return rowsPerValue(model.entity(r.target()).table(), r.column(), parents);
        }
        RelationalModel.Through t = (RelationalModel.Through) many;
        return rowsPerValue(t.link(), t.toParent(), parents);
    }

    /** Rows read per related row: through a link table, the link and the row. */
    private static int step(RelationalModel.ToMany many) {
        return many instanceof RelationalModel.Through ? 2 : 1;
    }

    /** The average rows of {@code table} sharing one value of {@code column} (a foreign key to a table of {@code referenced} rows). */
    private double rowsPerValue(String table, String column, double referenced) {
        double rows = stats.rows(table);
        if (rows <= 0) {
            return 0;
        }
        Statistics.Column c = stats.column(table, column);
        double nonNull = rows * (1 - (c == null ? 0 : c.nullFraction()));
        double distinct = c == null ? Double.NaN : c.distinct(rows);
        if (Double.isNaN(distinct)) {
            distinct = referenced; // not analyzed: as if every referenced row had its share
        }
        return nonNull / Math.max(1, distinct);
    }

    // --- finding the rows through an index ------------------------------------------------------

    /** Rows found through indexes, and the rows visited to find them and check the rest of the where on them. */
    record Anchor(double rows, double visits) {
    }

    /** The cheapest way an index finds the rows of the where, or null when none serves it (the table is scanned). */
    Anchor anchored(Entity entity, Object where, int depth) {
        if (!(where instanceof Map<?, ?> m) || m.isEmpty() || depth > Filters.MAX_NESTING) {
            return null;
        }
        double all = check(entity, where, depth);
        Anchor best = null;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            Anchor a = anchorEntry(entity, key, e.getValue(), depth);
            if (a != null) {
                double rest = Math.max(0, all - checkEntry(entity, key, e.getValue(), depth));
                best = cheaper(best, new Anchor(a.rows, a.visits + a.rows * rest));
            }
        }
        return best;
    }

    private static Anchor cheaper(Anchor a, Anchor b) {
        return a == null || b.visits < a.visits ? b : a;
    }

    private Anchor anchorEntry(Entity entity, String key, Object value, int depth) {
        double rows = stats.rows(entity.table());
        switch (key) {
            case "and" -> {
                List<?> items = list(value);
                double all = checkEntry(entity, key, value, depth);
                Anchor best = null;
                for (Object item : items) {
                    Anchor a = anchored(entity, item, depth + 1);
                    if (a != null) {
                        double rest = Math.max(0, all - check(entity, item, depth + 1));
                        best = cheaper(best, new Anchor(a.rows, a.visits + a.rows * rest));
                    }
                }
                return best;
            }
            case "or" -> {
                double found = 0;
                double visits = 0;
                for (Object item : list(value)) {
                    Anchor a = anchored(entity, item, depth + 1);
                    if (a == null) {
                        return null; // one branch scans: the whole or does
                    }
                    found += a.rows;
                    visits += a.visits;
                }
                return new Anchor(Math.min(rows, found), visits); // or: [] is false: nothing to visit
            }
            case "not" -> {
                return null;
            }
            default -> {
                // below
            }
        }
        RelationalModel.Column column = entity.columns().get(key);
        if (column != null) {
            double selectivity = selectivity(entity, column, value, rows);
            if (Double.isNaN(selectivity)) {
                return null;
            }
            double found = selectivity * rows;
            return new Anchor(found, found);
        }
        RelationalModel.ToOne one = entity.toOne().get(key);
        if (one != null) {
            Entity target = model.entity(one.target());
            Anchor a = target == null ? null : anchored(target, value, depth + 1);
            if (a == null) {
                return null;
            }
            if (one instanceof RelationalModel.Referenced r) {
                // the rows whose foreign key points at the rows found: through the foreign key's index
                if (!indexed(entity.table(), r.column())) {
                    return null;
                }
                double found = Math.min(rows, a.rows * rowsPerValue(entity.table(), r.column(), stats.rows(target.table())));
                return new Anchor(found, a.visits + found);
            }
            double found = Math.min(rows, a.rows); // the rows found point back at this one's key
            return new Anchor(found, a.visits + found);
        }
        RelationalModel.ToMany many = entity.toMany().get(key);
        if (many == null || !(value instanceof Map<?, ?> match) || !(match.get("some") instanceof Map<?, ?> some)) {
            return null; // an xExists, every and none: not anchored
        }
        Entity target = model.entity(many.target());
        Anchor a = anchored(target, some, depth + 1);
        if (a == null) {
            return null;
        }
        double found;
        double visits;
        if (many instanceof RelationalModel.Referencing) {
            found = Math.min(rows, a.rows); // each related row names its parent
            visits = a.visits + a.rows;
        } else {
            RelationalModel.Through t = (RelationalModel.Through) many;
            if (!indexed(t.link(), t.toTarget())) {
                return null;
            }
            double links = a.rows * rowsPerValue(t.link(), t.toTarget(), stats.rows(target.table()));
            found = Math.min(rows, links);
            visits = a.visits + 2 * links; // the links, then their parents
        }
        // the other quantifiers of the match are checked on the rows found
        double fanout = fanout(entity, many);
        double rest = 0;
        for (Map.Entry<?, ?> q : match.entrySet()) {
            if (!"some".equals(q.getKey())) {
                rest += fanout * (step(many) + check(target, q.getValue(), depth + 1));
            }
        }
        return new Anchor(found, visits + found * rest);
    }

    private boolean indexed(String table, String column) {
        Statistics.Column c = stats.column(table, column);
        return c != null && c.indexed();
    }

    // --- selectivity ----------------------------------------------------------------------------

    /**
     * The share of the table's rows a column's filter finds through an index: the most selective of
     * its conditions an index serves, or NaN when none does.
     */
    private double selectivity(Entity entity, RelationalModel.Column column, Object filter, double rows) {
        if (!(filter instanceof Map<?, ?> conditions)) {
            return Double.NaN;
        }
        boolean key = entity.primaryKey().size() == 1 && entity.primaryKey().get(0).equals(column.name());
        Statistics.Column c = stats.column(entity.table(), column.name());
        if (!key && (c == null || !c.indexed())) {
            return Double.NaN;
        }
        double best = Double.NaN;
        for (Map.Entry<?, ?> e : conditions.entrySet()) {
            double s = condition(column, c, key, String.valueOf(e.getKey()), e.getValue(), rows);
            if (!Double.isNaN(s) && (Double.isNaN(best) || s < best)) {
                best = s;
            }
        }
        return best;
    }

    private double condition(RelationalModel.Column column, Statistics.Column c, boolean key, String op, Object value, double rows) {
        if (value == null) {
            return Double.NaN;
        }
        return switch (op) {
            case "eq" -> equal(column, c, key, value, rows);
            case "in" -> {
                List<?> values = list(value);
                if (values.size() > 100_000) {
                    yield 1; // refused by its length anyway
                }
                double sum = 0;
                for (Object v : values) {
                    sum += equal(column, c, key, v, rows);
                }
                yield Math.min(1, sum);
            }
            case "lt", "lte", "gt", "gte" -> range(column, c, op, value);
            case "startsWith" -> column.format() == RelationalModel.Format.TEXT && c != null && c.prefixIndexed()
                    ? prefix(c, String.valueOf(value), rows)
                    : Double.NaN;
            case "isNull" -> Boolean.TRUE.equals(value) ? (c == null ? DEFAULT_EQ : c.nullFraction()) : Double.NaN;
            default -> Double.NaN;
        };
    }

    /** The share of rows equal to {@code value}: its frequency among the most common values, else an equal share of the rest. */
    private static double equal(RelationalModel.Column column, Statistics.Column c, boolean key, Object value, double rows) {
        if (key || (c != null && c.distinct(rows) >= rows && rows > 0 && c.commonValues().isEmpty())) {
            return rows > 0 ? 1 / rows : 0; // unique: one row
        }
        if (c == null) {
            return DEFAULT_EQ;
        }
        if (column.format() != RelationalModel.Format.DATE_TIME) {
            String text = column.format() == RelationalModel.Format.ID ? idText(value) : String.valueOf(value);
            int i = c.commonValues().indexOf(text);
            if (i >= 0 && i < c.commonFrequencies().size()) {
                return c.commonFrequencies().get(i);
            }
        }
        return rest(c, rows);
    }

    /** An equal share of the rows that are neither null nor a most common value, per other distinct value. */
    private static double rest(Statistics.Column c, double rows) {
        double distinct = c.distinct(rows);
        if (Double.isNaN(distinct)) {
            return DEFAULT_EQ;
        }
        double others = distinct - c.commonValues().size();
        return clamp((1 - common(c) - c.nullFraction()) / Math.max(1, others));
    }

    private static double common(Statistics.Column c) {
        double sum = 0;
        for (double f : c.commonFrequencies()) {
            sum += f;
        }
        return sum;
    }

    private static double range(RelationalModel.Column column, Statistics.Column c, String op, Object value) {
        if (c == null) {
            return DEFAULT_RANGE;
        }
        boolean below = op.startsWith("l");
        boolean numeric = column.format() != RelationalModel.Format.TEXT;
        double x = numeric ? number(column, value) : Double.NaN;
        if (numeric && Double.isNaN(x)) {
            return DEFAULT_RANGE;
        }
        String text = String.valueOf(value);
        // the most common values that satisfy the comparison
        double matching = 0;
        if (!numeric || column.format() == RelationalModel.Format.ID) {
            for (int i = 0; i < c.commonValues().size() && i < c.commonFrequencies().size(); i++) {
                String v = c.commonValues().get(i);
                int cmp;
                if (numeric) {
                    try {
                        cmp = Double.compare(Double.parseDouble(v), x);
                    } catch (NumberFormatException e) {
                        continue;
                    }
                } else {
                    cmp = v.compareTo(text);
                }
                if (below ? (op.equals("lt") ? cmp < 0 : cmp <= 0) : (op.equals("gt") ? cmp > 0 : cmp >= 0)) {
                    matching += c.commonFrequencies().get(i);
                }
            }
        }
        double fraction = numeric ? numericFraction(c, x) : textFraction(c, text);
        if (Double.isNaN(fraction)) {
            fraction = DEFAULT_RANGE;
        } else if (!below) {
            fraction = 1 - fraction;
        }
        return clamp(matching + (1 - common(c) - c.nullFraction()) * fraction);
    }

    /** The share of rows starting with the prefix: the histogram between the prefix and its last extension, the common values that match. */
    private static double prefix(Statistics.Column c, String prefix, double rows) {
        double matching = 0;
        for (int i = 0; i < c.commonValues().size() && i < c.commonFrequencies().size(); i++) {
            if (c.commonValues().get(i).startsWith(prefix)) {
                matching += c.commonFrequencies().get(i);
            }
        }
        double low = textFraction(c, prefix);
        double high = textFraction(c, prefix + Character.MAX_VALUE);
        double histogram = Double.isNaN(low) || Double.isNaN(high) ? (c.commonValues().isEmpty() ? DEFAULT_MATCH : 0) : Math.max(0, high - low);
        double s = matching + (1 - common(c) - c.nullFraction()) * histogram;
        // at least one value's share, as PostgreSQL's prefix_selectivity keeps it
        return clamp(Math.max(s, rest(c, rows)));
    }

    /** Where a text falls in the histogram, 0..1 (the middle of its bucket), or NaN without a histogram. */
    private static double textFraction(Statistics.Column c, String value) {
        List<String> bounds = c.histogram();
        if (bounds.size() < 2) {
            return Double.NaN;
        }
        int below = Collections.binarySearch(bounds, value);
        int k = below >= 0 ? below : -below - 1; // bounds before the value
        if (k == 0) {
            return 0;
        }
        if (k >= bounds.size()) {
            return 1;
        }
        return (k - 0.5) / (bounds.size() - 1);
    }

    /** Where a number falls in the histogram, 0..1 (interpolated in its bucket), or NaN without a histogram. */
    private static double numericFraction(Statistics.Column c, double x) {
        double[] h = c.numericHistogram();
        if (h == null || h.length < 2) {
            return Double.NaN;
        }
        if (x <= h[0]) {
            return 0;
        }
        if (x >= h[h.length - 1]) {
            return 1;
        }
        int i = 0;
        while (i + 1 < h.length && h[i + 1] <= x) {
            i++;
        }
        double width = h[i + 1] - h[i];
        double within = width > 0 ? (x - h[i]) / width : 0.5;
        return (i + within) / (h.length - 1);
    }

    /** A key or a date-time as the number the statistics hold (a date-time as epoch seconds), or NaN. */
    private static double number(RelationalModel.Column column, Object value) {
        try {
            if (column.format() == RelationalModel.Format.ID) {
                return Double.parseDouble(idText(value));
            }
            OffsetDateTime t = value instanceof OffsetDateTime o ? o
                    : value instanceof TemporalAccessor a ? OffsetDateTime.from(a) : OffsetDateTime.parse(String.valueOf(value));
            return t.toEpochSecond() + t.getNano() / 1e9;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String idText(Object value) {
        String s = String.valueOf(value).trim();
        try {
            return Long.toString(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return s;
        }
    }

    private static double clamp(double s) {
        return Double.isNaN(s) ? DEFAULT_EQ : Math.max(0, Math.min(1, s));
    }

    private static List<?> list(Object v) {
        return v instanceof List<?> l ? l : v == null ? List.of() : List.of(v);
    }
}

package io.relgraph.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.relgraph.compiler.ReferenceEngine.Address;
import io.relgraph.compiler.ReferenceEngine.Department;
import io.relgraph.compiler.ReferenceEngine.Employee;
import io.relgraph.compiler.ReferenceEngine.Kind;
import io.relgraph.compiler.ReferenceEngine.Link;
import io.relgraph.compiler.ReferenceEngine.Post;
import io.relgraph.compiler.ReferenceEngine.User;

/**
 * The independent reference of the read language ({@link ReferenceEngine}) obeys the laws of issue 16's
 * semantics on tiny random data sets held in memory (no application, no database): laws between
 * answers, never answers written down. {@code not}, {@code ne} and {@code notIn} are exact complements
 * (rule 1); the fields of one object AND, {@code and: []} and {@code {}} are true, {@code or: []} and
 * {@code in: []} false (rule 2); {@code some} and {@code none} split the rows, {@code every} holds on no
 * related rows and is {@code none} of the complement (rule 4); {@code containsInsensitive} does not see
 * case (rule 5); a sort is a permutation in the order of its key with ties by id and nulls last; an
 * aggregate's count is the length of its list and min/max bound it; groups split the links by key;
 * what rules 3 and 6 refuse is refused with its code.
 */
class ReadLanguageReferenceLawsTest {

    private static final int DATA_SETS = 25;
    private static final int TREES = 40;

    /** A tiny data set: awkward names (case pairs, %, _, empty), duplicates, NULLs, rows without relations. */
    record Data(ReferenceEngine engine, Map<Kind, List<?>> rows, ReadLanguageGenerator.Pools pools) {
    }

    static Data data(Random r) {
        String[] names = { "Ödön", "ödön", "ÖDÖN", "a%b", "a_b", "axb", "ab", "Zoë", "zoë", "Bob", "bob", "", " ", "Dept 1", "Dept 10", "Дима",
            "дима", "x" };
        List<Department> ds = new ArrayList<>();
        List<Employee> es = new ArrayList<>();
        List<Link> ls = new ArrayList<>();
        int nd = 1 + r.nextInt(6);
        int ne = r.nextInt(9);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < ne; i++) {
            Instant t = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(3600L * r.nextInt(6));
            es.add(new Employee(10 + i, names[r.nextInt(names.length)], ReferenceEngine.dateTime(t), t));
        }
        for (int i = 0; i < nd; i++) {
            String name = names[r.nextInt(names.length)];
            if (!used.add(name)) {
                name = name + i; // department names are unique
                used.add(name);
            }
            Long head = es.isEmpty() || r.nextInt(3) == 0 ? null : es.get(r.nextInt(es.size())).id();
            if (head != null && ds.stream().anyMatch(x -> head.equals(x.headId()))) {
                ds.add(new Department(1 + i, name, null)); // an employee heads at most one department
            } else {
                ds.add(new Department(1 + i, name, head));
            }
        }
        String[] extra = { null, null, "", "part-time", "Part-Time", "50%", "5_0", "ödön", "ÖDÖN" };
        for (Department d : ds) {
            for (Employee e : es) {
                if (r.nextInt(3) == 0) {
                    ls.add(new Link(d.id(), e.id(), extra[r.nextInt(extra.length)]));
                }
            }
        }
        List<User> us = new ArrayList<>();
        int nu = 1 + r.nextInt(4);
        for (int i = 0; i < nu; i++) {
            us.add(new User(100 + i, names[r.nextInt(names.length)]));
        }
        List<Post> ps = new ArrayList<>();
        List<Address> as = new ArrayList<>();
        for (int i = 0; i < r.nextInt(7); i++) {
            ps.add(new Post(200 + i, r.nextInt(4) == 0 ? null : 100L + r.nextInt(nu), r.nextInt(3) == 0 ? null : names[r.nextInt(names.length)]));
        }
        for (int i = 0; i < r.nextInt(6); i++) {
            as.add(new Address(300 + i, r.nextInt(4) == 0 ? null : 100L + r.nextInt(nu), names[r.nextInt(names.length)]));
        }
        ReferenceEngine engine = new ReferenceEngine(ds, es, ls, us, ps, as, true);
        Map<Kind, List<?>> rows = new EnumMap<>(Kind.class);
        rows.put(Kind.DEPARTMENT, ds);
        rows.put(Kind.EMPLOYEE, es);
        List<Link> ordered = new ArrayList<>(ls);
        ordered.sort(Comparator.comparingLong(Link::departmentId).thenComparingLong(Link::employeeId));
        rows.put(Kind.LINK, ordered);
        rows.put(Kind.USER, us);
        rows.put(Kind.POST, ps);
        rows.put(Kind.ADDRESS, as);
        Map<Kind, List<String>> strings = new EnumMap<>(Kind.class);
        strings.put(Kind.DEPARTMENT, ds.stream().map(Department::name).toList());
        strings.put(Kind.EMPLOYEE, es.stream().map(Employee::name).toList());
        strings.put(Kind.LINK, ls.stream().map(Link::extraData).filter(x -> x != null).toList());
        strings.put(Kind.USER, us.stream().map(User::name).toList());
        strings.put(Kind.POST, ps.stream().map(Post::title).filter(x -> x != null).toList());
        strings.put(Kind.ADDRESS, as.stream().map(Address::address).toList());
        Map<Kind, List<Long>> ids = new EnumMap<>(Kind.class);
        ids.put(Kind.DEPARTMENT, ds.stream().map(Department::id).toList());
        ids.put(Kind.EMPLOYEE, es.stream().map(Employee::id).toList());
        ids.put(Kind.LINK, List.of());
        ids.put(Kind.USER, us.stream().map(User::id).toList());
        ids.put(Kind.POST, ps.stream().map(Post::id).toList());
        ids.put(Kind.ADDRESS, as.stream().map(Address::id).toList());
        return new Data(engine, rows, new ReadLanguageGenerator.Pools(strings, ids, es.stream().map(Employee::hired).toList()));
    }

    /** Runs a law on every kind, over DATA_SETS data sets and TREES random where trees each. */
    private static void forTrees(LawOnTree law) {
        for (int s = 0; s < DATA_SETS; s++) {
            Random r = new Random(7919L * s);
            Data d = data(r);
            ReadLanguageGenerator g = new ReadLanguageGenerator(r, d.pools());
            for (int t = 0; t < TREES; t++) {
                for (Kind kind : Kind.values()) {
                    law.check(d, kind, g.where(kind, 2, 3), g, "data set " + s + ", tree " + t + ", " + kind);
                }
            }
        }
    }

    interface LawOnTree {
        void check(Data d, Kind kind, Map<String, Object> where, ReadLanguageGenerator g, String where_);
    }

    private static List<?> minus(Collection<?> all, Collection<?> some) {
        List<Object> out = new ArrayList<>(all);
        out.removeAll(some);
        return out;
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void notIsTheExactComplementOfItsFilter() {
        forTrees((d, kind, w, g, at) -> {
            List<?> all = d.rows().get(kind);
            assertEquals(minus(all, d.engine().select(kind, all, w)), d.engine().select(kind, all, map("not", w)), at + ": not " + w);
        });
    }

    @Test
    void neAndNotInAreTheComplementsOfEqAndIn() {
        forTrees((d, kind, w, g, at) -> {
            List<?> all = d.rows().get(kind);
            String column = ReadLanguageGenerator.stringColumn(kind);
            Map<String, Object> f = g.stringFilter(kind);
            Object value = f.values().iterator().next();
            Object one = value instanceof List<?> l ? (l.isEmpty() ? "x" : l.get(0)) : value instanceof String ? value : "x";
            List<Object> list = value instanceof List<?> l ? new ArrayList<>(l) : List.of(one);
            assertEquals(minus(all, d.engine().select(kind, all, map(column, map("eq", one)))),
                    d.engine().select(kind, all, map(column, map("ne", one))), at + ": ne " + one);
            assertEquals(minus(all, d.engine().select(kind, all, map(column, map("in", list)))),
                    d.engine().select(kind, all, map(column, map("notIn", list))), at + ": notIn " + list);
            // on a nullable column, the complement includes the NULLs (two-valued logic)
            long nulls = all.stream().filter(x -> !d.engine().matches(kind, x, map(column, map("isNull", false)))).count();
            assertTrue(d.engine().select(kind, all, map(column, map("ne", one))).size() >= nulls, at);
            assertTrue(d.engine().select(kind, all, map(column, map("eq", one))).stream()
                    .allMatch(x -> d.engine().matches(kind, x, map(column, map("isNull", false)))), at + ": eq never matches NULL");
        });
    }

    @Test
    void theFieldsOfOneObjectAndAndEmptyListsAreTheirIdentities() {
        forTrees((d, kind, w, g, at) -> {
            List<?> all = d.rows().get(kind);
            assertEquals(all, d.engine().select(kind, all, map()), at + ": {}");
            assertEquals(all, d.engine().select(kind, all, map("and", List.of())), at + ": and []");
            assertEquals(List.of(), d.engine().select(kind, all, map("or", List.of())), at + ": or []");
            String column = ReadLanguageGenerator.stringColumn(kind);
            assertEquals(List.of(), d.engine().select(kind, all, map(column, map("in", List.of()))), at + ": in []");
            assertEquals(all, d.engine().select(kind, all, map(column, map("notIn", List.of()))), at + ": notIn []");
            Map<String, Object> w2 = g.where(kind, 1, 2);
            Map<String, Object> both = new LinkedHashMap<>(w2);
            w.forEach((k, v) -> both.putIfAbsent(k, v));
            List<?> a = d.engine().select(kind, all, w2);
            List<Object> expected = new ArrayList<>(d.engine().select(kind, all, map("and", List.of(w2, restOf(w, w2)))));
            assertEquals(expected, d.engine().select(kind, all, both), at + ": the fields of " + both + " AND");
            assertTrue(a.containsAll(d.engine().select(kind, all, both)), at);
            assertEquals(d.engine().select(kind, all, map("and", List.of(w, w2))),
                    d.engine().select(kind, all, map("not", map("or", List.of(map("not", w), map("not", w2))))), at + ": De Morgan");
        });
    }

    /** The fields of {@code w} that {@code other} does not set. */
    private static Map<String, Object> restOf(Map<String, Object> w, Map<String, Object> other) {
        Map<String, Object> rest = new LinkedHashMap<>(w);
        rest.keySet().removeAll(other.keySet());
        return rest;
    }

    @Test
    void someAndNoneSplitTheRowsAndEveryHoldsOnNoRelatedRows() {
        forTrees((d, kind, w, g, at) -> {
            for (String[] m : ReadLanguageGenerator.toManys(kind)) {
                Kind target = Kind.valueOf(m[1]);
                Map<String, Object> inner = g.where(target, 1, 2);
                List<?> all = d.rows().get(kind);
                List<?> some = d.engine().select(kind, all, map(m[0], map("some", inner)));
                List<?> none = d.engine().select(kind, all, map(m[0], map("none", inner)));
                assertEquals(minus(all, some), none, at + ": some/none " + m[0] + " " + inner);
                List<?> every = d.engine().select(kind, all, map(m[0], map("every", inner)));
                assertEquals(every, d.engine().select(kind, all, map(m[0], map("none", map("not", inner)))), at + ": every = none of not");
                for (Object row : all) {
                    if (d.engine().related(kind, row, m[0]).isEmpty()) {
                        assertTrue(every.contains(row), at + ": every on no related rows");
                        assertFalse(some.contains(row), at + ": some on no related rows");
                    }
                }
                // some: {} is "has at least one", none: {} "has none"
                List<?> any = d.engine().select(kind, all, map(m[0], map("some", map())));
                assertEquals(all.stream().filter(x -> !d.engine().related(kind, x, m[0]).isEmpty()).toList(), any, at + ": some {}");
            }
        });
    }

    @Test
    void containsInsensitiveDoesNotSeeCaseAndContainsIsLiteral() {
        forTrees((d, kind, w, g, at) -> {
            if (!at.contains(", tree 0,")) {
                return; // the law is over the data set's values, not the tree
            }
            List<?> all = d.rows().get(kind);
            String column = ReadLanguageGenerator.stringColumn(kind);
            for (String s : List.of("ödön", "ÖDÖN", "Ödön", "дима", "ДИМА", "%", "_", "a%", "a_b", "Part", "ZOË")) {
                List<?> insensitive = d.engine().select(kind, all, map(column, map("containsInsensitive", s)));
                assertEquals(insensitive, d.engine().select(kind, all, map(column, map("containsInsensitive", s.toUpperCase()))), at + ": " + s);
                assertEquals(insensitive, d.engine().select(kind, all, map(column, map("containsInsensitive", s.toLowerCase()))), at + ": " + s);
                List<?> contains = d.engine().select(kind, all, map(column, map("contains", s)));
                assertTrue(insensitive.containsAll(contains), at + ": contains " + s + " within containsInsensitive");
                List<?> starts = d.engine().select(kind, all, map(column, map("startsWith", s)));
                List<?> ends = d.engine().select(kind, all, map(column, map("endsWith", s)));
                assertTrue(contains.containsAll(starts) && contains.containsAll(ends), at + ": " + s);
            }
            // % and _ are characters: a pattern with them finds no more than the same text with the wildcard's own character
            List<?> percent = d.engine().select(kind, all, map(column, map("contains", "a%b")));
            List<?> like = d.engine().select(kind, all, map(column, map("startsWith", "a", "endsWith", "b")));
            assertTrue(like.containsAll(percent), at);
            assertTrue(percent.size() <= d.engine().select(kind, all, map(column, map("contains", "%"))).size(), at);
        });
    }

    @Test
    void aSortIsAPermutationOrderedByItsKeyWithTiesByIdAndNullsLast() {
        for (int s = 0; s < DATA_SETS; s++) {
            Random r = new Random(104729L * s);
            Data d = data(r);
            ReadLanguageGenerator g = new ReadLanguageGenerator(r, d.pools());
            for (int t = 0; t < TREES; t++) {
                for (Kind kind : List.of(Kind.DEPARTMENT, Kind.EMPLOYEE, Kind.LINK, Kind.USER)) {
                    List<?> all = d.rows().get(kind);
                    List<Object> sort = g.sort(kind);
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> typed = (List<Map<String, Object>>) (List<?>) ReadLanguageGenerator.json(sort);
                    List<?> sorted = d.engine().sorted(kind, all, typed);
                    assertEquals(all.size(), sorted.size());
                    assertTrue(sorted.containsAll(all), "a permutation: " + sort);
                    // one element on a column or a count: the keys, read here again, are in order; equal keys keep the id order
                    List<Object> one = List.of(g.sortElement(kind, 0));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> element = (Map<String, Object>) ReadLanguageGenerator.json(one.get(0));
                    List<?> byOne = d.engine().sorted(kind, all, List.of(element));
                    String field = element.keySet().iterator().next();
                    boolean desc = "DESC".equals(element.get(field));
                    Function<Object, Comparable<?>> key = row -> key(d, kind, row, field);
                    for (int i = 1; i < byOne.size(); i++) {
                        Comparable<?> a = key.apply(byOne.get(i - 1));
                        Comparable<?> b = key.apply(byOne.get(i));
                        String why = "data set " + s + " " + kind + " sort " + element + ": " + byOne;
                        if (a == null) {
                            assertNull(b, "nulls last: " + why);
                        } else if (b != null) {
                            @SuppressWarnings({ "unchecked", "rawtypes" })
                            int cmp = ((Comparable) a).compareTo(b);
                            assertTrue(desc ? cmp >= 0 : cmp <= 0, why);
                            if (cmp == 0) {
                                assertTrue(all.indexOf(byOne.get(i - 1)) < all.indexOf(byOne.get(i)), "ties in the list's order: " + why);
                            }
                        }
                    }
                }
            }
        }
    }

    /** A sort key read from the rows directly (strings compared by code point: the test's engine orders so). */
    private static Comparable<?> key(Data d, Kind kind, Object row, String field) {
        if (field.endsWith("Count")) {
            return d.engine().related(kind, row, field.substring(0, field.length() - 5)).size();
        }
        Object v = switch (kind) {
            case DEPARTMENT -> field.equals("id") ? ((Department) row).id() : ((Department) row).name();
            case EMPLOYEE -> field.equals("id") ? ((Employee) row).id() : field.equals("name") ? ((Employee) row).name() : ((Employee) row).hired();
            case LINK -> ((Link) row).extraData();
            default -> field.equals("id") ? ((User) row).id() : ((User) row).name();
        };
        return v instanceof String str ? new CodePoints(str) : (Comparable<?>) v;
    }

    private record CodePoints(String s) implements Comparable<CodePoints> {
        @Override
        public int compareTo(CodePoints o) {
            return java.util.Arrays.compare(s.codePoints().toArray(), o.s.codePoints().toArray());
        }
    }

    @Test
    void anAggregatesCountIsItsListsLengthAndMinMaxBoundIt() {
        forTrees((d, kind, w, g, at) -> {
            List<?> all = d.rows().get(kind);
            List<?> matched = d.engine().select(kind, all, w);
            String column = kind == Kind.LINK ? "extraData" : kind == Kind.DEPARTMENT || kind == Kind.EMPLOYEE ? "name" : null;
            if (column == null) {
                return;
            }
            Object min = d.engine().extreme(kind, matched, column, false);
            Object max = d.engine().extreme(kind, matched, column, true);
            List<String> values = matched.stream().map(x -> kind == Kind.LINK ? ((Link) x).extraData()
                    : kind == Kind.DEPARTMENT ? ((Department) x).name() : ((Employee) x).name()).filter(x -> x != null).toList();
            if (values.isEmpty()) {
                assertNull(min, at);
                assertNull(max, at);
                return;
            }
            assertTrue(values.contains(min) && values.contains(max), at);
            for (String v : values) {
                assertTrue(new CodePoints((String) min).compareTo(new CodePoints(v)) <= 0, at + ": min " + min + " > " + v);
                assertTrue(new CodePoints((String) max).compareTo(new CodePoints(v)) >= 0, at + ": max " + max + " < " + v);
            }
            if (kind == Kind.LINK) {
                assertEquals(new HashSet<>(values).size(), ReferenceEngine.distinctExtraData(matched), at);
            }
        });
    }

    @Test
    void groupsSplitTheLinksByKeyMostFirst() {
        List<List<String>> bys = List.of(List.of("EXTRA_DATA"), List.of("DEPARTMENT"), List.of("EMPLOYEE"), List.of("EXTRA_DATA", "DEPARTMENT"),
                List.of("EMPLOYEE", "EXTRA_DATA"), List.of("DEPARTMENT", "EMPLOYEE", "EXTRA_DATA"));
        forTrees((d, kind, w, g, at) -> {
            if (kind != Kind.LINK) {
                return;
            }
            @SuppressWarnings("unchecked")
            List<Link> matched = (List<Link>) d.engine().select(kind, d.rows().get(kind), w);
            for (List<String> by : bys) {
                List<ReferenceEngine.Group> groups = d.engine().groups(matched, by, 1000);
                assertEquals(matched.size(), groups.stream().mapToInt(ReferenceEngine.Group::count).sum(), at + " " + by);
                assertEquals(groups.size(), new HashSet<>(groups.stream().map(ReferenceEngine.Group::keys).toList()).size(), "one group per key");
                for (int i = 1; i < groups.size(); i++) {
                    assertTrue(groups.get(i - 1).count() >= groups.get(i).count(), "by count, most first");
                }
                for (ReferenceEngine.Group group : groups) {
                    long n = matched.stream().filter(l -> (!by.contains("EXTRA_DATA") || java.util.Objects.equals(l.extraData(), group.extraData()))
                            && (!by.contains("DEPARTMENT") || l.departmentId() == group.department().id())
                            && (!by.contains("EMPLOYEE") || l.employeeId() == group.employee().id())).count();
                    assertEquals(n, group.count(), at + " " + by + " " + group);
                    assertTrue(by.contains("EXTRA_DATA") || group.extraData() == null, "a key not grouped by is null");
                    assertTrue(by.contains("DEPARTMENT") || group.department() == null, "a key not grouped by is null");
                }
                int first = groups.isEmpty() ? 0 : groups.size() - 1;
                assertEquals(groups.subList(0, first), d.engine().groups(matched, by, first), "first");
            }
        });
    }

    /**
     * Through the committed schema (graphql-java, literals and variables): a root list with a where has the
     * rows the rules select, its aggregate counts them, the link groups of the same where add up to them.
     */
    @Test
    void theSchemasFieldsAnswerByTheseRules() {
        for (int s = 0; s < 8; s++) {
            Random r = new Random(31L * s);
            Data d = data(r);
            ReadLanguageGenerator g = new ReadLanguageGenerator(r, d.pools());
            for (int t = 0; t < 15; t++) {
                Map<String, Object> dw = g.where(Kind.DEPARTMENT, 2, 3);
                Map<String, Object> lw = g.where(Kind.LINK, 2, 3);
                boolean inline = r.nextBoolean();
                String query = inline
                        ? "{ departments(where: " + ReadLanguageGenerator.literal(dw) + ") { id } departmentsAggregate(where: "
                                + ReadLanguageGenerator.literal(dw) + ") { count } linksAggregate(where: " + ReadLanguageGenerator.literal(lw)
                                + ") { count distinctExtraData } linkGroups(by: [EXTRA_DATA, DEPARTMENT], first: 1000, where: "
                                + ReadLanguageGenerator.literal(lw) + ") { count } }"
                        : "query($d: DepartmentWhere, $l: LinkWhere) { departments(where: $d) { id } departmentsAggregate(where: $d) { count }"
                                + " linksAggregate(where: $l) { count distinctExtraData } linkGroups(by: [EXTRA_DATA, DEPARTMENT], first: 1000, where: $l)"
                                + " { count } }";
                Map<String, Object> vars = inline ? Map.of() : map("d", ReadLanguageGenerator.json(dw), "l", ReadLanguageGenerator.json(lw));
                Map<String, Object> answer = d.engine().execute(query, null, vars);
                assertNull(answer.get("errors"), query + " " + vars + ": " + answer);
                @SuppressWarnings("unchecked")
                Map<String, Object> data = (Map<String, Object>) answer.get("data");
                List<?> expected = d.engine().select(Kind.DEPARTMENT, d.rows().get(Kind.DEPARTMENT), dw).stream().map(x -> String.valueOf(((Department) x).id()))
                        .toList();
                assertEquals(expected, ((List<?>) data.get("departments")).stream().map(x -> ((Map<?, ?>) x).get("id")).toList(), query);
                assertEquals(expected.size(), ((Map<?, ?>) data.get("departmentsAggregate")).get("count"), query);
                List<?> links = d.engine().select(Kind.LINK, d.rows().get(Kind.LINK), lw);
                assertEquals(links.size(), ((Map<?, ?>) data.get("linksAggregate")).get("count"), query);
                assertEquals(links.size(), ((List<?>) data.get("linkGroups")).stream().mapToInt(x -> (Integer) ((Map<?, ?>) x).get("count")).sum(),
                        query);
            }
        }
    }

    @Test
    void whatRulesThreeAndSixRefuseIsRefusedWithItsCode() {
        Data d = data(new Random(3));
        List<?> all = d.rows().get(Kind.DEPARTMENT);
        Map<String, Object> eqNull = new LinkedHashMap<>();
        eqNull.put("eq", null);
        assertCode("VALIDATION", () -> d.engine().select(Kind.DEPARTMENT, all, map("name", eqNull)));
        assertCode("VALIDATION", () -> d.engine().select(Kind.DEPARTMENT, all, map("name", map())));
        assertCode("VALIDATION", () -> d.engine().select(Kind.DEPARTMENT, all, map("not", map("id", map()))));
        // four nested quantifiers are answered, five refused
        Map<String, Object> innermost = map("departmentLinks", map("some", map()));
        Map<String, Object> three = map("employees", map("none", innermost));
        Map<String, Object> four = map("employees", map("some", map("departments", map("every", three))));
        d.engine().select(Kind.DEPARTMENT, all, four);
        assertCode("LIMIT_EXCEEDED", () -> d.engine().select(Kind.DEPARTMENT, all, map("employees", map("some", map("headOf", four)))));
        List<Object> leaves = new ArrayList<>();
        for (int i = 0; i < ReferenceEngine.MAX_LEAVES; i++) {
            leaves.add(map("id", map("eq", String.valueOf(i + 1))));
        }
        d.engine().select(Kind.DEPARTMENT, all, map("or", leaves));
        leaves.add(map("name", map("eq", "x")));
        assertCode("LIMIT_EXCEEDED", () -> d.engine().select(Kind.DEPARTMENT, all, map("or", leaves)));
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            ids.add(String.valueOf(i + 1));
        }
        assertCode("LIMIT_EXCEEDED", () -> d.engine().select(Kind.DEPARTMENT, all, map("id", map("in", ids))));
        assertCode("VALIDATION", () -> d.engine().sorted(Kind.DEPARTMENT, all, List.of(map("id", "ASC", "name", "DESC"))));
        assertCode("VALIDATION", () -> d.engine().sorted(Kind.DEPARTMENT, all, List.of(map())));
    }

    private static void assertCode(String code, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(code + ":"), e.getMessage());
    }
}

package io.relgraph.compiler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.relgraph.compiler.ReadLanguageGenerator.Lit;
import io.relgraph.compiler.ReferenceEngine.Kind;

/**
 * Generated reads in the read language of issue 16, reproducible from a seed: {@code where} trees
 * (nested quantifiers up to the limit, NULLs, empty relations, case pairs across alphabets, {@code %}
 * and {@code _}), sorts by columns, related fields and counts, aggregates (aliased, each with its own
 * {@code where}) and link groups, on root lists, pages, aggregate roots and relation fields; values
 * written inline or sent in variables. Roots are kept to the rows of the test's data set (their
 * {@code where} ANDs an id above the data set's anchors), so the reference and the application see the
 * same rows whatever else the database holds. A share of the requests must be refused (rules 3 and 6,
 * sort rules), each in one way, with the code it names.
 *
 * <p>{@link #CONSTRUCTS} names what a run generates; the differential test states which it checks.
 */
final class ReadLanguageRequests {

    /** The constructs of the read language a request may use. */
    enum Construct {
        WHERE, SORT, AGGREGATE, GROUP, PAGE_CURSOR, REFUSAL
    }

    static final Set<Construct> CONSTRUCTS = Set.of(Construct.values());

    /** The fields only this generator writes (QueryGenerator writes the others), by type. */
    static final Map<String, List<String>> FIELDS = Map.of(
            "Query", List.of("departmentsAggregate", "employeesAggregate", "linksAggregate", "usersAggregate", "linkGroups"),
            "Department", List.of("employeesAggregate", "employeeLinksAggregate", "employeeLinkGroups"),
            "Employee", List.of("departmentsAggregate", "departmentLinksAggregate", "departmentLinkGroups"),
            "User", List.of("postsAggregate", "addressesAggregate"));

    /** Every where, sort and by argument this generator writes, as "Type.field(argument)". */
    static final List<String> ARGUMENTS = List.of(
            "Query.departments(where)", "Query.employees(where)", "Query.users(where)", "Query.links(where)",
            "Query.departmentPage(where)", "Query.employeePage(where)", "Query.userPage(where)", "Query.linkPage(where)",
            "Query.departmentPage(sort)", "Query.employeePage(sort)", "Query.userPage(sort)", "Query.linkPage(sort)",
            "Query.departmentsAggregate(where)", "Query.employeesAggregate(where)", "Query.usersAggregate(where)", "Query.linksAggregate(where)",
            "Query.linkGroups(by)", "Query.linkGroups(where)",
            "Department.employees(where)", "Department.employees(sort)", "Department.employeeLinks(where)", "Department.employeeLinks(sort)",
            "Department.employeesAggregate(where)", "Department.employeeLinksAggregate(where)", "Department.employeeLinkGroups(by)",
            "Department.employeeLinkGroups(where)",
            "Employee.departments(where)", "Employee.departments(sort)", "Employee.departmentLinks(where)", "Employee.departmentLinks(sort)",
            "Employee.departmentsAggregate(where)", "Employee.departmentLinksAggregate(where)", "Employee.departmentLinkGroups(by)",
            "Employee.departmentLinkGroups(where)",
            "User.posts(where)", "User.posts(sort)", "User.addresses(where)", "User.addresses(sort)", "User.postsAggregate(where)",
            "User.addressesAggregate(where)");

    private final QueryGeneratorDataSet d;
    private final ReadLanguageGenerator.Pools pools;
    private final Set<Construct> enabled;
    private Random r;
    private ReadLanguageGenerator g;
    private Map<String, String> varTypes;
    private Map<String, Object> varValues;
    /** The root being written is one row (department(id:) ...): its relation lists may go without first. */
    private boolean oneRow;

    ReadLanguageRequests(QueryGeneratorDataSet d, ReadLanguageGenerator.Pools pools, Set<Construct> enabled) {
        this.d = d;
        this.pools = pools;
        this.enabled = enabled;
    }

    /** The index-th request of a seed. */
    QueryGenerator.Request generate(long seed, int index) {
        r = new Random(seed * 7_000_003L + index);
        g = new ReadLanguageGenerator(r, pools);
        varTypes = new LinkedHashMap<>();
        varValues = new LinkedHashMap<>();
        String expected = null;
        String note;
        List<String> roots = new ArrayList<>();
        if (enabled.contains(Construct.REFUSAL) && r.nextInt(100) < 12) {
            String[] refusal = refusal(roots);
            expected = refusal[0];
            note = "refused: " + refusal[1];
        } else {
            int n = 1 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                roots.add("r" + i + ": " + root());
            }
            note = "read language";
        }
        StringBuilder doc = new StringBuilder("query");
        if (!varTypes.isEmpty()) {
            List<String> defs = new ArrayList<>();
            varTypes.forEach((v, t) -> defs.add("$" + v + ": " + t));
            doc.append("(").append(String.join(", ", defs)).append(")");
        }
        doc.append(" { ").append(String.join(" ", roots)).append(" }");
        return new QueryGenerator.Request(doc.toString(), null, new LinkedHashMap<>(varValues), expected, note, false);
    }

    // ---------------------------------------------------------------- arguments

    /** "name: value", inline or as a variable of the type. */
    private String arg(String name, String type, Object value) {
        if (r.nextInt(100) < 40) {
            String v = "v" + varTypes.size();
            varTypes.put(v, type);
            varValues.put(v, ReadLanguageGenerator.json(value));
            return name + ": $" + v;
        }
        return name + ": " + ReadLanguageGenerator.literal(value);
    }

    private static String whereType(Kind kind) {
        return ReadLanguageGenerator.graphqlType(kind) + "Where";
    }

    private static String sortType(Kind kind) {
        return "[" + ReadLanguageGenerator.graphqlType(kind) + "Sort!]";
    }

    /** The root's own rows only: ids above the data set's anchors (for links: their department's). */
    private Map<String, Object> scoped(Kind kind, Map<String, Object> w) {
        Map<String, Object> scope = switch (kind) {
            case DEPARTMENT -> Map.of("id", Map.of("gt", String.valueOf(d.anchorDepartment)));
            case EMPLOYEE -> Map.of("id", Map.of("gt", String.valueOf(d.anchorEmployee)));
            case USER -> Map.of("id", Map.of("gt", String.valueOf(d.anchorUser)));
            default -> Map.of("department", Map.of("id", Map.of("gt", String.valueOf(d.anchorDepartment))));
        };
        String key = scope.keySet().iterator().next();
        if (!w.containsKey(key) && r.nextBoolean()) {
            Map<String, Object> merged = new LinkedHashMap<>(w);
            merged.put(key, scope.get(key));
            return merged;
        }
        Map<String, Object> and = new LinkedHashMap<>();
        and.put("and", r.nextBoolean() ? List.of(scope, w) : List.of(w, scope));
        return and;
    }

    private Map<String, Object> where(Kind kind) {
        int quantifiers = r.nextInt(12) == 0 ? ReferenceEngine.MAX_QUANTIFIERS : 1 + r.nextInt(2);
        return g.where(kind, quantifiers, 2 + r.nextInt(2));
    }

    // ---------------------------------------------------------------- roots

    private String root() {
        oneRow = false;
        int k = r.nextInt(enabled.contains(Construct.GROUP) ? 100 : 88);
        if (k < 20) {
            Kind kind = new Kind[] { Kind.DEPARTMENT, Kind.EMPLOYEE, Kind.USER, Kind.LINK }[r.nextInt(4)];
            String field = switch (kind) {
                case DEPARTMENT -> "departments";
                case EMPLOYEE -> "employees";
                case USER -> "users";
                default -> "links";
            };
            return field + "(first: " + (1 + r.nextInt(10)) + ", " + arg("where", whereType(kind), scoped(kind, where(kind))) + ") "
                    + selection(kind, 1);
        }
        if (k < 55) {
            Kind kind = new Kind[] { Kind.DEPARTMENT, Kind.EMPLOYEE, Kind.USER, Kind.LINK }[r.nextInt(4)];
            String field = switch (kind) {
                case DEPARTMENT -> "departmentPage";
                case EMPLOYEE -> "employeePage";
                case USER -> "userPage";
                default -> "linkPage";
            };
            List<String> args = new ArrayList<>();
            args.add("first: " + r.nextInt(12));
            if (r.nextInt(5) > 0) {
                args.add(arg("where", whereType(kind), scoped(kind, where(kind))));
            } else {
                args.add(arg("where", whereType(kind), scoped(kind, Map.of())));
            }
            if (enabled.contains(Construct.SORT) && r.nextInt(3) > 0) {
                args.add(arg("sort", sortType(kind), g.sort(kind)));
            } else if (kind != Kind.LINK && r.nextInt(3) == 0) {
                // a where keeps orderBy's order: NAME_DESC ends its ties by id descending, as without a where
                args.add("orderBy: " + new String[] { "ID_ASC", "NAME_ASC", "ID_DESC", "NAME_DESC" }[r.nextInt(4)]);
            }
            java.util.Collections.shuffle(args, r);
            String cursor = enabled.contains(Construct.PAGE_CURSOR) && r.nextBoolean() ? " endCursor" : "";
            return field + "(" + String.join(", ", args) + ") { items " + selection(kind, 1) + " totalCount hasNextPage" + cursor + " }";
        }
        if (k < 75 && enabled.contains(Construct.AGGREGATE)) {
            Kind kind = new Kind[] { Kind.DEPARTMENT, Kind.EMPLOYEE, Kind.USER, Kind.LINK }[r.nextInt(4)];
            String field = switch (kind) {
                case DEPARTMENT -> "departmentsAggregate";
                case EMPLOYEE -> "employeesAggregate";
                case USER -> "usersAggregate";
                default -> "linksAggregate";
            };
            return field + "(" + arg("where", whereType(kind), scoped(kind, where(kind))) + ") " + aggregateSelection(kind);
        }
        oneRow = k >= 75;
        if (k < 88) {
            // one row, and the read language below it
            int w = r.nextInt(3);
            Kind kind = w == 0 ? Kind.DEPARTMENT : w == 1 ? Kind.EMPLOYEE : Kind.USER;
            List<Long> ids = pools.ids().get(kind);
            long id = ids.get(r.nextInt(ids.size()));
            return (kind == Kind.DEPARTMENT ? "department" : kind == Kind.EMPLOYEE ? "employee" : "user") + "(id: " + id + ") "
                    + selection(kind, 1);
        }
        return "linkGroups(" + groupArgs(true) + ") " + groupSelection();
    }

    private String groupArgs(boolean root) {
        List<String> args = new ArrayList<>();
        List<String> keys = new ArrayList<>(List.of("EXTRA_DATA", "DEPARTMENT", "EMPLOYEE"));
        java.util.Collections.shuffle(keys, r);
        List<Object> by = new ArrayList<>();
        for (String key : keys.subList(0, 1 + r.nextInt(root ? 3 : 2))) {
            by.add(new Lit(key));
        }
        args.add(arg("by", "[LinkGroupKey!]!", by));
        if (root || r.nextBoolean()) {
            Map<String, Object> w = r.nextInt(4) == 0 ? Map.of() : where(Kind.LINK);
            args.add(arg("where", "LinkWhere", root ? scoped(Kind.LINK, w) : w));
        }
        if (r.nextBoolean()) {
            args.add("first: " + r.nextInt(root ? 30 : 6));
        }
        java.util.Collections.shuffle(args, r);
        return String.join(", ", args);
    }

    private String groupSelection() {
        List<String> parts = new ArrayList<>(List.of("count", "extraData", "department { id name }", "employee { id name }"));
        java.util.Collections.shuffle(parts, r);
        return "{ " + String.join(" ", parts.subList(0, 1 + r.nextInt(4))) + " }";
    }

    private String aggregateSelection(Kind kind) {
        List<String> parts = new ArrayList<>();
        parts.add("count");
        switch (kind) {
            case DEPARTMENT -> {
                parts.add("min { name }");
                parts.add("max { name }");
            }
            case EMPLOYEE -> {
                parts.add("min { name hiredOn }");
                parts.add("max { hiredOn name }");
            }
            case LINK -> {
                parts.add("distinctExtraData");
                parts.add("min { extraData }");
                parts.add("max { extraData }");
            }
            default -> {
            }
        }
        java.util.Collections.shuffle(parts, r);
        return "{ " + String.join(" ", parts.subList(0, 1 + r.nextInt(parts.size()))) + " }";
    }

    // ---------------------------------------------------------------- selections

    /** A selection of a type at a depth (relation lists to depth 2, the second always with a small first). */
    private String selection(Kind kind, int depth) {
        List<String> parts = new ArrayList<>();
        switch (kind) {
            case DEPARTMENT -> {
                parts.add("id");
                if (r.nextBoolean()) {
                    parts.add("name");
                }
                if (r.nextInt(4) == 0) {
                    parts.add("head { id name }");
                }
                relations(parts, depth, new String[][] { { "employees", "EMPLOYEE" }, { "employeeLinks", "LINK" } }, "employeesAggregate",
                        "employeeLinksAggregate", "employeeLinkGroups");
            }
            case EMPLOYEE -> {
                parts.add("id");
                if (r.nextBoolean()) {
                    parts.add("name");
                }
                if (r.nextInt(4) == 0) {
                    parts.add("hiredOn");
                }
                if (r.nextInt(5) == 0) {
                    parts.add("headOf { id }");
                }
                relations(parts, depth, new String[][] { { "departments", "DEPARTMENT" }, { "departmentLinks", "LINK" } }, "departmentsAggregate",
                        "departmentLinksAggregate", "departmentLinkGroups");
            }
            case USER -> {
                parts.add("id");
                if (r.nextBoolean()) {
                    parts.add("name");
                }
                relations(parts, depth, new String[][] { { "posts", "POST" }, { "addresses", "ADDRESS" } }, "postsAggregate", "addressesAggregate", null);
            }
            case LINK -> {
                parts.add("extraData");
                parts.add(r.nextBoolean() ? "department { id name }" : "department { id }");
                parts.add("employee { id" + (r.nextBoolean() ? " name" : "") + " }");
            }
            case POST -> parts.add("id title");
            case ADDRESS -> parts.add("id address");
        }
        return "{ " + String.join(" ", parts) + " }";
    }

    private void relations(List<String> parts, int depth, String[][] lists, String aggregate1, String aggregate2, String groups) {
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            int w = r.nextInt(10);
            if (w < 5 && depth <= 2) {
                String[] l = lists[r.nextInt(2)];
                Kind target = Kind.valueOf(l[1]);
                List<String> args = new ArrayList<>();
                boolean sortable = enabled.contains(Construct.SORT);
                if (depth == 2 || !oneRow || r.nextInt(5) > 1) {
                    args.add("first: " + r.nextInt(depth == 2 ? 3 : 6));
                }
                if (r.nextInt(3) > 0) {
                    args.add(arg("where", whereType(target), r.nextInt(8) == 0 ? Map.of() : where(target)));
                }
                if (sortable && r.nextInt(3) == 0) {
                    args.add(arg("sort", sortType(target), g.sort(target)));
                } else if (r.nextInt(8) == 0) {
                    List<Long> ids = pools.ids().get(target == Kind.LINK ? (l[0].equals("employeeLinks") ? Kind.EMPLOYEE : Kind.DEPARTMENT) : target);
                    args.add("after: " + ids.get(r.nextInt(ids.size())));
                }
                String alias = "l" + i + ": ";
                parts.add(alias + l[0] + (args.isEmpty() ? "" : "(" + String.join(", ", args) + ")") + " " + selection(target, depth + 1));
            } else if (w < 8 && enabled.contains(Construct.AGGREGATE)) {
                boolean second = r.nextBoolean();
                Kind target = Kind.valueOf(lists[second ? 1 : 0][1]);
                String field = second ? aggregate2 : aggregate1;
                String args = r.nextInt(3) > 0 ? "(" + arg("where", whereType(target), where(target)) + ")" : "";
                parts.add("a" + i + ": " + field + args + " " + aggregateSelection(target));
            } else if (groups != null && enabled.contains(Construct.GROUP)) {
                parts.add("g" + i + ": " + groups + "(" + groupArgs(false) + ") " + groupSelection());
            }
        }
    }

    // ---------------------------------------------------------------- refusals

    /** One root that must be refused; returns {code, what}. */
    private String[] refusal(List<String> roots) {
        Kind kind = new Kind[] { Kind.DEPARTMENT, Kind.EMPLOYEE, Kind.USER, Kind.LINK }[r.nextInt(4)];
        String list = switch (kind) {
            case DEPARTMENT -> "departments";
            case EMPLOYEE -> "employees";
            case USER -> "users";
            default -> "links";
        };
        String sel = kind == Kind.LINK ? "{ extraData }" : "{ id }";
        String column = ReadLanguageGenerator.stringColumn(kind);
        switch (r.nextInt(enabled.contains(Construct.SORT) ? 9 : 5)) {
            case 0 -> {
                Map<String, Object> eq = new LinkedHashMap<>();
                eq.put("eq", null);
                Map<String, Object> w = new LinkedHashMap<>(g.where(kind, 1, 1));
                w.put(column, eq);
                roots.add("f: " + list + "(first: 3, " + arg("where", whereType(kind), scoped(kind, w)) + ") " + sel);
                return new String[] { "VALIDATION", "eq: null" };
            }
            case 1 -> {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("not", Map.of(column, Map.of()));
                roots.add("f: " + list + "(first: 3, " + arg("where", whereType(kind), scoped(kind, w)) + ") " + sel);
                return new String[] { "VALIDATION", "an empty filter for a column" };
            }
            case 2 -> {
                // five nested quantifiers: employees, departments, employees, departments, employeeLinks
                Map<String, Object> w = Map.of("employeeLinks", Map.of("some", Map.of()));
                w = Map.of("departments", Map.of("none", w));
                w = Map.of("employees", Map.of("every", w));
                w = Map.of("departments", Map.of("some", w));
                w = Map.of("employees", Map.of("some", w));
                roots.add("f: departments(first: 3, " + arg("where", "DepartmentWhere", w) + ") { id }");
                return new String[] { "LIMIT_EXCEEDED", "five nested quantifiers" };
            }
            case 3 -> {
                List<Object> or = new ArrayList<>();
                int n = ReferenceEngine.MAX_LEAVES + 1 + r.nextInt(20);
                for (int i = 0; i < n; i++) {
                    or.add(Map.of(column, Map.of("eq", "v" + i)));
                }
                roots.add("f: " + list + "(first: 3, " + arg("where", whereType(kind), Map.of("or", or)) + ") " + sel);
                return new String[] { "LIMIT_EXCEEDED", "more than 100 leaf comparisons" };
            }
            case 4 -> {
                List<Object> in = new ArrayList<>();
                for (int i = 0; i <= QueryGeneratorDataSet.MAX_PAGE; i++) {
                    in.add("v" + i);
                }
                roots.add("f: " + list + "(first: 3, " + arg("where", whereType(kind), Map.of(column, Map.of("in", in))) + ") " + sel);
                return new String[] { "LIMIT_EXCEEDED", "an in list longer than the page limit" };
            }
            case 5 -> {
                String page = kind == Kind.LINK ? "departmentPage" : list.replaceAll("s$", "Page");
                Kind pageKind = kind == Kind.LINK ? Kind.DEPARTMENT : kind;
                Map<String, Object> two = new LinkedHashMap<>();
                two.put("id", new Lit("ASC"));
                two.put("name", new Lit("DESC"));
                roots.add("f: " + page + "(first: 2, " + arg("sort", sortType(pageKind), List.of(r.nextBoolean() ? two : Map.of())) + ") { totalCount }");
                return new String[] { "VALIDATION", "a sort element that does not set exactly one field" };
            }
            case 6 -> {
                String page = new String[] { "departmentPage", "employeePage", "userPage" }[r.nextInt(3)];
                Kind pageKind = page.startsWith("d") ? Kind.DEPARTMENT : page.startsWith("e") ? Kind.EMPLOYEE : Kind.USER;
                roots.add("f: " + page + "(first: 2, orderBy: " + QueryGenerator.ORDERS[r.nextInt(4)] + ", " + arg("sort", sortType(pageKind),
                        g.sort(pageKind)) + ") { totalCount }");
                return new String[] { "VALIDATION", "sort with orderBy" };
            }
            case 7 -> {
                long id = pools.ids().get(Kind.DEPARTMENT).get(0);
                roots.add("f: department(id: " + id + ") { employees(after: " + pools.ids().get(Kind.EMPLOYEE).get(0) + ", " + arg("sort",
                        sortType(Kind.EMPLOYEE), g.sort(Kind.EMPLOYEE)) + ") { id } }");
                return new String[] { "VALIDATION", "after (an id) with sort on a relation list" };
            }
            default -> {
                // a cursor made under another order (the plain id order) on a sorted page
                String page = new String[] { "departmentPage", "employeePage", "userPage" }[r.nextInt(3)];
                Kind pageKind = page.startsWith("d") ? Kind.DEPARTMENT : page.startsWith("e") ? Kind.EMPLOYEE : Kind.USER;
                List<String> cursors = d.cursors.get("ID_ASC");
                roots.add("f: " + page + "(first: 2, " + arg("after", "String", cursors.get(r.nextInt(cursors.size()))) + ", "
                        + arg("sort", sortType(pageKind), g.sort(pageKind)) + ") { items { id } }");
                return new String[] { "VALIDATION", "a cursor made under another sort" };
            }
        }
    }
}

package io.relgraph.compiler;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.Coercing;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import io.relgraph.Database;

/**
 * An oracle for reads that shares nothing with the read compiler (no Planner, no Catalog, no SQL of
 * its own beyond copying the tables): a snapshot of every row of the six tables held in memory, and
 * graphql-java executing the committed {@code schema.graphql} with a data fetcher per field written
 * here from the API's documented rules (lists by the far end's id after {@code after}, at most
 * {@code first}, keyset pages and their cursors, the page limit). graphql-java does what the GraphQL
 * specification says of fragments, aliases, {@code @include}/{@code @skip}, variables and field
 * merging; relations are read per parent with each field's own arguments, so a relation used with
 * several argument sets is answered as the specification says.
 *
 * <p>It answers what the resolver engine cannot (a relation used with several argument sets), and is
 * itself held to the resolver engine's answers on every ordinary read of the differential test.
 * Names are ordered by code point, as the embedded server's C collation orders them; on a server
 * with another collation, a name-ordered page is {@link Unsupported}. The snapshot is only right
 * while nothing writes: the differential test's run reads only.
 */
final class ReferenceEngine {

    /** A read this reference does not answer (a name order under a collation it does not know). */
    static final class Unsupported extends RuntimeException {
        Unsupported(String why) {
            super(why);
        }
    }

    record Department(long id, String name, Long headId) {
    }

    record Employee(long id, String name, String hiredOn, Instant hired) {
    }

    record Link(long departmentId, long employeeId, String extraData) {
    }

    record User(long id, String name) {
    }

    record Post(long id, Long ownerId, String title) {
    }

    record Address(long id, Long userId, String address) {
    }

    record Page(List<?> items, String endCursor, boolean hasNextPage, int totalCount) {
    }

    private static final int MAX_PAGE = 1000;
    private static final Comparator<String> CODE_POINTS = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private final NavigableMap<Long, Department> departments = new TreeMap<>();
    private final NavigableMap<Long, Employee> employees = new TreeMap<>();
    private final List<Link> links = new ArrayList<>(); // by department, then employee
    private final Map<Long, List<Link>> linksByDepartment = new java.util.HashMap<>(); // each by employee
    private final Map<Long, List<Link>> linksByEmployee = new java.util.HashMap<>(); // each by department
    private final Map<Long, Department> byHead = new java.util.HashMap<>();
    private final NavigableMap<Long, User> users = new TreeMap<>();
    private final NavigableMap<Long, Post> posts = new TreeMap<>();
    private final NavigableMap<Long, Address> addresses = new TreeMap<>();
    private final boolean codePointCollation;
    private volatile GraphQL graphql; // built at the first execute (the reference's own tests mostly call its rules directly)

    /** Copies every row of the database's tables (read through JDBC, beside the application). */
    static ReferenceEngine snapshot() {
        List<Department> ds = new ArrayList<>();
        for (var r : Database.rows("select id, name, head_id from department")) {
            ds.add(new Department(id(r.get("id")), (String) r.get("name"), optionalId(r.get("head_id"))));
        }
        List<Employee> es = new ArrayList<>();
        for (var r : Database.rows("select id, name, hired_on from employee")) {
            Instant hired = ((Timestamp) r.get("hired_on")).toInstant();
            es.add(new Employee(id(r.get("id")), (String) r.get("name"), dateTime(hired), hired));
        }
        List<Link> ls = new ArrayList<>();
        for (var r : Database.rows("select department_id, employee_id, extra_data from department_employee_link")) {
            ls.add(new Link(id(r.get("department_id")), id(r.get("employee_id")), (String) r.get("extra_data")));
        }
        List<User> us = new ArrayList<>();
        for (var r : Database.rows("select id, name from users")) {
            us.add(new User(id(r.get("id")), (String) r.get("name")));
        }
        List<Post> ps = new ArrayList<>();
        for (var r : Database.rows("select id, owner_id, title from post")) {
            ps.add(new Post(id(r.get("id")), optionalId(r.get("owner_id")), (String) r.get("title")));
        }
        List<Address> as = new ArrayList<>();
        for (var r : Database.rows("select id, user_id, address from address")) {
            as.add(new Address(id(r.get("id")), optionalId(r.get("user_id")), (String) r.get("address")));
        }
        String collation = (String) Database.value("select datcollate from pg_database where datname = current_database()");
        return new ReferenceEngine(ds, es, ls, us, ps, as, "C".equals(collation) || "POSIX".equals(collation));
    }

    /** Over rows given in memory (the reference's own tests); {@code codePointCollation}: whether strings order by code point. */
    ReferenceEngine(List<Department> ds, List<Employee> es, List<Link> ls, List<User> us, List<Post> ps, List<Address> as,
            boolean codePointCollation) {
        ds.forEach(d -> departments.put(d.id(), d));
        es.forEach(e -> employees.put(e.id(), e));
        links.addAll(ls);
        links.sort(Comparator.comparingLong(Link::departmentId).thenComparingLong(Link::employeeId));
        for (Link l : links) {
            linksByDepartment.computeIfAbsent(l.departmentId(), k -> new ArrayList<>()).add(l);
        }
        links.stream().sorted(Comparator.comparingLong(Link::employeeId).thenComparingLong(Link::departmentId))
                .forEach(l -> linksByEmployee.computeIfAbsent(l.employeeId(), k -> new ArrayList<>()).add(l));
        departments.values().stream().filter(d -> d.headId() != null).forEach(d -> byHead.put(d.headId(), d));
        us.forEach(u -> users.put(u.id(), u));
        ps.forEach(p -> posts.put(p.id(), p));
        as.forEach(a -> addresses.put(a.id(), a));
        this.codePointCollation = codePointCollation;
    }

    /** The answer ({@code data}, and {@code errors} when any) as the specification's map. */
    Map<String, Object> execute(String query, String operationName, Map<String, Object> variables) {
        ExecutionInput input = ExecutionInput.newExecutionInput(query).operationName(operationName)
                .variables(variables == null ? Map.of() : variables).build();
        if (graphql == null) {
            synchronized (this) {
                if (graphql == null) {
                    graphql = GraphQL.newGraphQL(schema()).build();
                }
            }
        }
        ExecutionResult result = graphql.execute(input);
        for (var e : result.getErrors()) {
            if (e.getMessage() != null && e.getMessage().contains(Unsupported.class.getSimpleName())) {
                throw new Unsupported(e.getMessage());
            }
        }
        return result.toSpecification();
    }

    int rows() {
        return departments.size() + employees.size() + links.size() + users.size() + posts.size() + addresses.size();
    }

    // ---------------------------------------------------------------- the schema, with its fetchers

    private graphql.schema.GraphQLSchema schema() {
        String sdl;
        try {
            sdl = Files.readString(Path.of("schema.graphql"), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        if (!sdl.contains("scalar DateTime")) {
            sdl += "\nscalar DateTime\n";
        }
        GraphQLScalarType dateTime = GraphQLScalarType.newScalar().name("DateTime").coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object value) {
                return value; // already the text the API writes
            }

            @Override
            public Object parseValue(Object input) {
                return input;
            }

            @Override
            public Object parseLiteral(Object input) {
                if (input instanceof graphql.language.StringValue s) {
                    return s.getValue();
                }
                throw new graphql.schema.CoercingParseLiteralException("VALIDATION: a DateTime is a string");
            }
        }).build();
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring().scalar(dateTime)
                .type(TypeRuntimeWiring.newTypeWiring("Query")
                        .dataFetcher("department", e -> departments.get(positiveId(e, "id")))
                        .dataFetcher("departmentByName", e -> departments.values().stream()
                                .filter(d -> d.name().equals(text(e, "name"))).findFirst().orElse(null))
                        .dataFetcher("departments", e -> list(filtered(Kind.DEPARTMENT, departments.tailMap(after(e), false).values(), e), e))
                        .dataFetcher("departmentPage", e -> namedPage(Kind.DEPARTMENT, departments.values(), Department::id, Department::name, e))
                        .dataFetcher("departmentsAggregate", e -> new Aggregate(Kind.DEPARTMENT, filtered(Kind.DEPARTMENT, departments.values(), e)))
                        .dataFetcher("employee", e -> employees.get(positiveId(e, "id")))
                        .dataFetcher("employees", e -> {
                            String name = e.getArgument("name");
                            return list(filtered(Kind.EMPLOYEE, employees.tailMap(after(e), false).values().stream()
                                    .filter(x -> name == null || x.name().equals(name)).toList(), e), e);
                        })
                        .dataFetcher("employeePage", e -> namedPage(Kind.EMPLOYEE, employees.values(), Employee::id, Employee::name, e))
                        .dataFetcher("employeesAggregate", e -> new Aggregate(Kind.EMPLOYEE, filtered(Kind.EMPLOYEE, employees.values(), e)))
                        .dataFetcher("links", e -> list(filtered(Kind.LINK, links.stream().filter(linkFilter(e)).toList(), e), e))
                        .dataFetcher("linkPage", this::linkPage)
                        .dataFetcher("linksAggregate", e -> new Aggregate(Kind.LINK, filtered(Kind.LINK, links, e)))
                        .dataFetcher("linkGroups", e -> groups(filtered(Kind.LINK, links, e), e))
                        .dataFetcher("user", e -> users.get(positiveId(e, "id")))
                        .dataFetcher("users", e -> list(filtered(Kind.USER, users.tailMap(after(e), false).values(), e), e))
                        .dataFetcher("userPage", e -> namedPage(Kind.USER, users.values(), User::id, User::name, e))
                        .dataFetcher("usersAggregate", e -> new Aggregate(Kind.USER, filtered(Kind.USER, users.values(), e)))
                        .dataFetcher("post", e -> posts.get(positiveId(e, "id")))
                        .dataFetcher("address", e -> addresses.get(positiveId(e, "id"))))
                .type(TypeRuntimeWiring.newTypeWiring("Department")
                        .dataFetcher("id", e -> e.<Department>getSource().id())
                        .dataFetcher("name", e -> e.<Department>getSource().name())
                        .dataFetcher("head", e -> {
                            Long head = e.<Department>getSource().headId();
                            return head == null ? null : employees.get(head);
                        })
                        .dataFetcher("employeeLinks", e -> relation(Kind.LINK, linksOf(e.<Department>getSource().id(), true, 0), Link::employeeId, e))
                        .dataFetcher("employees", e -> relation(Kind.EMPLOYEE, linksOf(e.<Department>getSource().id(), true, 0).stream()
                                .map(l -> employees.get(l.employeeId())).toList(), Employee::id, e))
                        .dataFetcher("employeesAggregate", e -> new Aggregate(Kind.EMPLOYEE,
                                filtered(Kind.EMPLOYEE, related(Kind.DEPARTMENT, e.getSource(), "employees"), e)))
                        .dataFetcher("employeeLinksAggregate", e -> new Aggregate(Kind.LINK,
                                filtered(Kind.LINK, related(Kind.DEPARTMENT, e.getSource(), "employeeLinks"), e)))
                        .dataFetcher("employeeLinkGroups", e -> groups(filtered(Kind.LINK, related(Kind.DEPARTMENT, e.getSource(), "employeeLinks"), e), e)))
                .type(TypeRuntimeWiring.newTypeWiring("Employee")
                        .dataFetcher("id", e -> e.<Employee>getSource().id())
                        .dataFetcher("name", e -> e.<Employee>getSource().name())
                        .dataFetcher("hiredOn", e -> e.<Employee>getSource().hiredOn())
                        .dataFetcher("headOf", e -> byHead.get(e.<Employee>getSource().id()))
                        .dataFetcher("departmentLinks", e -> relation(Kind.LINK, linksOf(e.<Employee>getSource().id(), false, 0), Link::departmentId, e))
                        .dataFetcher("departments", e -> relation(Kind.DEPARTMENT, linksOf(e.<Employee>getSource().id(), false, 0).stream()
                                .map(l -> departments.get(l.departmentId())).toList(), Department::id, e))
                        .dataFetcher("departmentsAggregate", e -> new Aggregate(Kind.DEPARTMENT,
                                filtered(Kind.DEPARTMENT, related(Kind.EMPLOYEE, e.getSource(), "departments"), e)))
                        .dataFetcher("departmentLinksAggregate", e -> new Aggregate(Kind.LINK,
                                filtered(Kind.LINK, related(Kind.EMPLOYEE, e.getSource(), "departmentLinks"), e)))
                        .dataFetcher("departmentLinkGroups", e -> groups(filtered(Kind.LINK, related(Kind.EMPLOYEE, e.getSource(), "departmentLinks"), e), e)))
                .type(TypeRuntimeWiring.newTypeWiring("DepartmentEmployeeLink")
                        .dataFetcher("extraData", e -> e.<Link>getSource().extraData())
                        .dataFetcher("department", e -> departments.get(e.<Link>getSource().departmentId()))
                        .dataFetcher("employee", e -> employees.get(e.<Link>getSource().employeeId())))
                .type(TypeRuntimeWiring.newTypeWiring("User")
                        .dataFetcher("id", e -> e.<User>getSource().id())
                        .dataFetcher("name", e -> e.<User>getSource().name())
                        .dataFetcher("posts", e -> relation(Kind.POST, related(Kind.USER, e.getSource(), "posts"), Post::id, e))
                        .dataFetcher("addresses", e -> relation(Kind.ADDRESS, related(Kind.USER, e.getSource(), "addresses"), Address::id, e))
                        .dataFetcher("postsAggregate", e -> new Aggregate(Kind.POST, filtered(Kind.POST, related(Kind.USER, e.getSource(), "posts"), e)))
                        .dataFetcher("addressesAggregate", e -> new Aggregate(Kind.ADDRESS,
                                filtered(Kind.ADDRESS, related(Kind.USER, e.getSource(), "addresses"), e))))
                .type(TypeRuntimeWiring.newTypeWiring("Post")
                        .dataFetcher("id", e -> e.<Post>getSource().id())
                        .dataFetcher("title", e -> e.<Post>getSource().title())
                        .dataFetcher("owner", e -> {
                            Long owner = e.<Post>getSource().ownerId();
                            return owner == null ? null : users.get(owner);
                        }))
                .type(TypeRuntimeWiring.newTypeWiring("Address")
                        .dataFetcher("id", e -> e.<Address>getSource().id())
                        .dataFetcher("address", e -> e.<Address>getSource().address())
                        .dataFetcher("user", e -> {
                            Long user = e.<Address>getSource().userId();
                            return user == null ? null : users.get(user);
                        }))
                .type(page("DepartmentPage")).type(page("EmployeePage")).type(page("UserPage")).type(page("LinkPage"))
                .type(aggregate("DepartmentAggregate")).type(aggregate("EmployeeAggregate")).type(aggregate("LinkAggregate"))
                .type(aggregate("UserAggregate")).type(aggregate("PostAggregate")).type(aggregate("AddressAggregate"))
                .type(minMax("DepartmentMinMax", "name")).type(minMax("EmployeeMinMax", "name", "hiredOn")).type(minMax("LinkMinMax", "extraData"))
                .type(TypeRuntimeWiring.newTypeWiring("LinkGroup")
                        .dataFetcher("extraData", e -> e.<Group>getSource().extraData())
                        .dataFetcher("department", e -> e.<Group>getSource().department())
                        .dataFetcher("employee", e -> e.<Group>getSource().employee())
                        .dataFetcher("count", e -> e.<Group>getSource().count()))
                .build();
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
    }

    private static TypeRuntimeWiring page(String type) {
        return TypeRuntimeWiring.newTypeWiring(type)
                .dataFetcher("items", e -> e.<Page>getSource().items())
                .dataFetcher("endCursor", e -> e.<Page>getSource().endCursor())
                .dataFetcher("hasNextPage", e -> e.<Page>getSource().hasNextPage())
                .dataFetcher("totalCount", e -> e.<Page>getSource().totalCount())
                .build();
    }

    private TypeRuntimeWiring aggregate(String type) {
        return TypeRuntimeWiring.newTypeWiring(type)
                .dataFetcher("count", e -> e.<Aggregate>getSource().rows().size())
                .dataFetcher("min", e -> new MinMax(e.<Aggregate>getSource(), false))
                .dataFetcher("max", e -> new MinMax(e.<Aggregate>getSource(), true))
                .dataFetcher("distinctExtraData", e -> distinctExtraData(e.<Aggregate>getSource().rows()))
                .build();
    }

    private TypeRuntimeWiring minMax(String type, String... fields) {
        TypeRuntimeWiring.Builder b = TypeRuntimeWiring.newTypeWiring(type);
        for (String field : fields) {
            b.dataFetcher(field, e -> {
                MinMax m = e.getSource();
                Object v = extreme(m.of().kind(), m.of().rows(), field, m.max());
                return v instanceof Instant t ? dateTime(t) : v;
            });
        }
        return b.build();
    }

    // ---------------------------------------------------------------- the API's rules, stated again

    /** A relation or root list: the rows in order (already after {@code after}), at most {@code first}; unpaged, at most the page limit. */
    private static <T> List<T> list(java.util.Collection<T> ordered, DataFetchingEnvironment e) {
        Integer first = e.getArgument("first");
        List<T> all = new ArrayList<>(ordered);
        if (first == null) {
            if (all.size() > MAX_PAGE) {
                throw new IllegalArgumentException("LIMIT_EXCEEDED: more than " + MAX_PAGE + " rows in an unpaged list");
            }
            return all;
        }
        return all.subList(0, Math.min(checkedFirst(first), all.size()));
    }

    /**
     * A relation list: its rows in the list's order (by the far end's id), filtered by {@code where},
     * ordered by {@code sort} (ties keep the list's order), after the id {@code after} (refused with a
     * sort), at most {@code first}.
     */
    private <T> List<T> relation(Kind kind, List<T> ordered, java.util.function.ToLongFunction<T> farId, DataFetchingEnvironment e) {
        List<Map<String, Object>> sort = e.getArgument("sort");
        long after = after(e);
        if (sort != null && e.getArgument("after") != null) {
            throw new IllegalArgumentException("VALIDATION: after (an id) with sort on a relation list");
        }
        List<T> rows = filtered(kind, ordered.stream().filter(x -> farId.applyAsLong(x) > after).toList(), e);
        if (sort != null) {
            rows = sorted(kind, rows, sort);
        }
        return list(rows, e);
    }

    private static int checkedFirst(int first) {
        if (first < 0) {
            throw new IllegalArgumentException("VALIDATION: first out of range: " + first);
        }
        if (first > MAX_PAGE) {
            throw new IllegalArgumentException("LIMIT_EXCEEDED: first out of range: " + first);
        }
        return first;
    }

    /** A department's links by employee id ({@code byDepartment}), or an employee's by department id, after {@code after}. */
    private List<Link> linksOf(long id, boolean byDepartment, long after) {
        List<Link> out = new ArrayList<>();
        for (Link l : (byDepartment ? linksByDepartment : linksByEmployee).getOrDefault(id, List.of())) {
            if ((byDepartment ? l.employeeId() : l.departmentId()) > after) {
                out.add(l);
            }
        }
        return out;
    }

    private Predicate<Link> linkFilter(DataFetchingEnvironment e) {
        Long department = optionalPositiveId(e, "departmentId");
        Long employee = optionalPositiveId(e, "employeeId");
        String extraData = e.getArgument("extraData");
        return l -> (department == null || l.departmentId() == department) && (employee == null || l.employeeId() == employee)
                && (extraData == null || extraData.equals(l.extraData()));
    }

    private Page linkPage(DataFetchingEnvironment e) {
        Predicate<Link> filter = linkFilter(e);
        List<Map<String, Object>> sort = e.getArgument("sort");
        List<Link> matches = filtered(Kind.LINK, links.stream().filter(filter).toList(), e);
        if (sort != null) {
            matches = sorted(Kind.LINK, matches, sort);
        }
        String after = e.getArgument("after");
        if (sort != null || e.getArgument("where") != null) {
            return languagePage(matches, e, l -> l.departmentId() + "/" + l.employeeId());
        }
        List<Link> rest = matches;
        if (after != null) {
            String[] c = cursor(after, "DEPARTMENT_EMPLOYEE");
            long sortKey = Long.parseLong(c[1]);
            long id = Long.parseLong(c[2]);
            rest = matches.stream().filter(l -> l.departmentId() > sortKey || l.departmentId() == sortKey && l.employeeId() > id).toList();
        }
        return page(rest, matches.size(), e, l -> encode("DEPARTMENT_EMPLOYEE", String.valueOf(l.departmentId()), l.employeeId()));
    }

    private <T> Page namedPage(Kind kind, java.util.Collection<T> rows, java.util.function.ToLongFunction<T> id,
            java.util.function.Function<T, String> name, DataFetchingEnvironment e) {
        String filter = e.getArgument("name");
        List<Map<String, Object>> sort = e.getArgument("sort");
        Object orderArgument = e.getArgument("orderBy");
        if (sort != null && orderArgument != null && e.getField().getArguments().stream().anyMatch(a -> a.getName().equals("orderBy"))) {
            throw new IllegalArgumentException("VALIDATION: sort with orderBy");
        }
        if (sort != null || e.getArgument("where") != null) {
            List<T> matches = filtered(kind, rows.stream().filter(x -> filter == null || name.apply(x).equals(filter)).toList(), e);
            if (sort != null) {
                matches = sorted(kind, matches, sort);
            } else {
                matches = orderedByListOrder(matches, id, name, orderArgument == null ? "ID_ASC" : orderArgument.toString());
            }
            return languagePage(matches, e, x -> String.valueOf(id.applyAsLong(x)));
        }
        String order = orderArgument == null ? "ID_ASC" : orderArgument.toString();
        boolean byName = order.startsWith("NAME");
        boolean descending = order.endsWith("DESC");
        List<T> matches = orderedByListOrder(rows.stream().filter(x -> filter == null || name.apply(x).equals(filter)).toList(), id, name, order);
        String after = e.getArgument("after");
        List<T> rest = matches;
        if (after != null) {
            String[] c = cursor(after, order);
            long afterId = Long.parseLong(c[2]);
            String afterName = c[1];
            int sign = descending ? -1 : 1;
            rest = matches.stream().filter(x -> {
                int cmp = byName ? CODE_POINTS.compare(name.apply(x), afterName) : 0;
                if (cmp == 0) {
                    cmp = Long.compare(id.applyAsLong(x), afterId);
                }
                return cmp * sign > 0;
            }).toList();
        }
        return page(rest, matches.size(), e, x -> encode(order, byName ? name.apply(x) : "", id.applyAsLong(x)));
    }

    private <T> List<T> orderedByListOrder(List<T> rows, java.util.function.ToLongFunction<T> id, java.util.function.Function<T, String> name,
            String order) {
        boolean byName = order.startsWith("NAME");
        if (byName && !codePointCollation) {
            throw new Unsupported("Unsupported: a name order under the database's collation");
        }
        Comparator<T> comparator = byName ? Comparator.comparing(name, CODE_POINTS).thenComparingLong(id) : Comparator.comparingLong(id);
        if (order.endsWith("DESC")) {
            comparator = comparator.reversed();
        }
        return rows.stream().sorted(comparator).toList();
    }

    /**
     * A page under {@code where} or {@code sort}: the cursor is valid only for the same sort and where
     * (else VALIDATION). The reference's cursors are its own ("R~" and the position): the compiler's
     * text is its own business, so the differential test compares only whether a page has one, and walks
     * pages with each engine's own cursors.
     */
    private <T> Page languagePage(List<T> matches, DataFetchingEnvironment e, java.util.function.Function<T, String> key) {
        String scope = String.valueOf(e.<Object>getArgument("sort")) + "\n" + e.<Object>getArgument("where") + "\n"
                + e.<Object>getArgument("orderBy");
        String after = e.getArgument("after");
        List<T> rest = matches;
        if (after != null) {
            String text;
            try {
                text = after.startsWith("R~") ? new String(Base64.getUrlDecoder().decode(after.substring(2)), StandardCharsets.UTF_8) : "";
            } catch (IllegalArgumentException x) {
                text = "";
            }
            int cut = text.lastIndexOf('\n');
            if (cut < 0 || !text.substring(0, cut).equals(scope)) {
                throw new IllegalArgumentException("VALIDATION: a cursor of another sort or where");
            }
            String position = text.substring(cut + 1);
            int at = 0;
            while (at < matches.size() && !key.apply(matches.get(at)).equals(position)) {
                at++;
            }
            rest = at < matches.size() ? matches.subList(at + 1, matches.size()) : List.of();
        }
        return page(rest, matches.size(), e, x -> "R~" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString((scope + "\n" + key.apply(x)).getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------- the read language (issue 16), from its rules

    /** The six row types a filter, sort or aggregate is over. */
    enum Kind {
        DEPARTMENT, EMPLOYEE, LINK, USER, POST, ADDRESS
    }

    /** What a field of a {@code ...Where} is: a column (of IDs, strings, DateTimes), whether a to-one exists, a to-one, a to-many. */
    private enum Term {
        ID, STRING, DATE_TIME, EXISTS, ONE, MANY
    }

    private record FieldSpec(Term term, Kind target, String relation) {
    }

    /** The contract's {@code ...Where} fields per type (and/or/not aside). */
    private static final Map<Kind, Map<String, FieldSpec>> WHERE = new java.util.EnumMap<>(Kind.class);

    static {
        WHERE.put(Kind.DEPARTMENT, Map.of("id", new FieldSpec(Term.ID, null, null), "name", new FieldSpec(Term.STRING, null, null),
                "head", new FieldSpec(Term.ONE, Kind.EMPLOYEE, "head"), "headExists", new FieldSpec(Term.EXISTS, Kind.EMPLOYEE, "head"),
                "employees", new FieldSpec(Term.MANY, Kind.EMPLOYEE, "employees"), "employeeLinks", new FieldSpec(Term.MANY, Kind.LINK, "employeeLinks")));
        WHERE.put(Kind.EMPLOYEE, Map.of("id", new FieldSpec(Term.ID, null, null), "name", new FieldSpec(Term.STRING, null, null),
                "hiredOn", new FieldSpec(Term.DATE_TIME, null, null), "headOf", new FieldSpec(Term.ONE, Kind.DEPARTMENT, "headOf"),
                "headOfExists", new FieldSpec(Term.EXISTS, Kind.DEPARTMENT, "headOf"), "departments", new FieldSpec(Term.MANY, Kind.DEPARTMENT, "departments"),
                "departmentLinks", new FieldSpec(Term.MANY, Kind.LINK, "departmentLinks")));
        WHERE.put(Kind.LINK, Map.of("extraData", new FieldSpec(Term.STRING, null, null), "department", new FieldSpec(Term.ONE, Kind.DEPARTMENT, "department"),
                "employee", new FieldSpec(Term.ONE, Kind.EMPLOYEE, "employee")));
        WHERE.put(Kind.USER, Map.of("id", new FieldSpec(Term.ID, null, null), "name", new FieldSpec(Term.STRING, null, null),
                "posts", new FieldSpec(Term.MANY, Kind.POST, "posts"), "addresses", new FieldSpec(Term.MANY, Kind.ADDRESS, "addresses")));
        WHERE.put(Kind.POST, Map.of("id", new FieldSpec(Term.ID, null, null), "title", new FieldSpec(Term.STRING, null, null),
                "owner", new FieldSpec(Term.ONE, Kind.USER, "owner"), "ownerExists", new FieldSpec(Term.EXISTS, Kind.USER, "owner")));
        WHERE.put(Kind.ADDRESS, Map.of("id", new FieldSpec(Term.ID, null, null), "address", new FieldSpec(Term.STRING, null, null),
                "user", new FieldSpec(Term.ONE, Kind.USER, "user"), "userExists", new FieldSpec(Term.EXISTS, Kind.USER, "user")));
    }

    /** Issue 16, rule 6: at most this many nested quantifiers and leaf comparisons in one filter; an {@code in} list at most the page limit. */
    static final int MAX_QUANTIFIERS = 4;
    static final int MAX_LEAVES = 100;

    /** The rows of a list that pass the field's {@code where} argument (checked first: rules 3 and 6), in their order. */
    private <T> List<T> filtered(Kind kind, java.util.Collection<T> rows, DataFetchingEnvironment e) {
        Map<String, Object> where = e.getArgument("where");
        if (where == null) {
            return new ArrayList<>(rows);
        }
        return select(kind, rows, where);
    }

    /** The rows that match {@code where}, in their order; a refused filter throws ("VALIDATION: ..." / "LIMIT_EXCEEDED: ..."). */
    <T> List<T> select(Kind kind, java.util.Collection<T> rows, Map<String, Object> where) {
        check(kind, where);
        return rows.stream().filter(x -> matches(kind, x, where)).toList();
    }

    /** Rules 3 and 6, before anything is evaluated. */
    void check(Kind kind, Map<String, Object> where) {
        int[] leaves = { 0 };
        check(kind, where, 0, leaves);
        if (leaves[0] > MAX_LEAVES) {
            throw new IllegalArgumentException("LIMIT_EXCEEDED: " + leaves[0] + " leaf comparisons, at most " + MAX_LEAVES);
        }
    }

    @SuppressWarnings("unchecked")
    private void check(Kind kind, Map<String, Object> where, int quantifiers, int[] leaves) {
        for (var entry : where.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (value == null) {
                throw new IllegalArgumentException("VALIDATION: " + key + ": null");
            }
            switch (key) {
                case "and", "or" -> {
                    for (Object w : (List<Object>) value) {
                        check(kind, (Map<String, Object>) w, quantifiers, leaves);
                    }
                    continue;
                }
                case "not" -> {
                    check(kind, (Map<String, Object>) value, quantifiers, leaves);
                    continue;
                }
                default -> {
                }
            }
            FieldSpec f = WHERE.get(kind).get(key);
            if (f == null) {
                throw new IllegalStateException("no field " + key + " in the where of " + kind);
            }
            switch (f.term()) {
                case ID, STRING, DATE_TIME -> {
                    Map<String, Object> filter = (Map<String, Object>) value;
                    if (filter.isEmpty()) {
                        throw new IllegalArgumentException("VALIDATION: an empty filter for " + key);
                    }
                    for (var op : filter.entrySet()) {
                        if (op.getValue() == null) {
                            throw new IllegalArgumentException("VALIDATION: " + key + "." + op.getKey() + ": null");
                        }
                        if (op.getValue() instanceof List<?> l && l.size() > MAX_PAGE) {
                            throw new IllegalArgumentException("LIMIT_EXCEEDED: an in list of " + l.size() + " values, at most " + MAX_PAGE);
                        }
                        leaves[0]++;
                        // the values must be what they say
                        for (Object v : op.getValue() instanceof List<?> l ? l : List.of(op.getValue())) {
                            if (f.term() == Term.ID) {
                                plainId(v.toString());
                            } else if (f.term() == Term.DATE_TIME) {
                                instant(v.toString());
                            }
                        }
                    }
                }
                case EXISTS -> leaves[0]++;
                case ONE -> check(f.target(), (Map<String, Object>) value, quantifiers, leaves);
                case MANY -> {
                    Map<String, Object> match = (Map<String, Object>) value;
                    if (match.isEmpty()) {
                        throw new IllegalArgumentException("VALIDATION: an empty match for " + key);
                    }
                    if (quantifiers + 1 > MAX_QUANTIFIERS) {
                        throw new IllegalArgumentException("LIMIT_EXCEEDED: " + (quantifiers + 1) + " nested quantifiers, at most " + MAX_QUANTIFIERS);
                    }
                    for (var q : match.entrySet()) {
                        if (q.getValue() == null) {
                            throw new IllegalArgumentException("VALIDATION: " + key + "." + q.getKey() + ": null");
                        }
                        check(f.target(), (Map<String, Object>) q.getValue(), quantifiers + 1, leaves);
                    }
                }
            }
        }
    }

    /** Rules 1, 2, 4, 5: every field of the object must hold (and: [] and {} are true, or: [] is false). */
    @SuppressWarnings("unchecked")
    boolean matches(Kind kind, Object row, Map<String, Object> where) {
        for (var entry : where.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            boolean holds = switch (key) {
                case "and" -> ((List<Map<String, Object>>) value).stream().allMatch(w -> matches(kind, row, w));
                case "or" -> ((List<Map<String, Object>>) value).stream().anyMatch(w -> matches(kind, row, w));
                case "not" -> !matches(kind, row, (Map<String, Object>) value);
                default -> {
                    FieldSpec f = WHERE.get(kind).get(key);
                    yield switch (f.term()) {
                        case ID -> idFilter((Long) column(kind, row, key), (Map<String, Object>) value);
                        case STRING -> stringFilter((String) column(kind, row, key), (Map<String, Object>) value);
                        case DATE_TIME -> dateTimeFilter((Instant) column(kind, row, key), (Map<String, Object>) value);
                        case EXISTS -> (one(kind, row, f.relation()) != null) == (Boolean) value;
                        case ONE -> {
                            Object other = one(kind, row, f.relation());
                            yield other != null && matches(f.target(), other, (Map<String, Object>) value); // rule 1: no row, no match
                        }
                        case MANY -> quantified(f.target(), related(kind, row, f.relation()), (Map<String, Object>) value);
                    };
                }
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** Rule 4: some (at least one matches), every (none fails: true over no rows), none (not some); the ones given all hold. */
    @SuppressWarnings("unchecked")
    private boolean quantified(Kind kind, List<?> rows, Map<String, Object> match) {
        for (var q : match.entrySet()) {
            Map<String, Object> w = (Map<String, Object>) q.getValue();
            boolean holds = switch (q.getKey()) {
                case "some" -> rows.stream().anyMatch(x -> matches(kind, x, w));
                case "every" -> rows.stream().allMatch(x -> matches(kind, x, w));
                case "none" -> rows.stream().noneMatch(x -> matches(kind, x, w));
                default -> throw new IllegalStateException("quantifier " + q.getKey());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** Rule 1: a positive comparison is false on NULL; ne, notIn are its exact complements. */
    private static boolean idFilter(Long value, Map<String, Object> filter) {
        for (var op : filter.entrySet()) {
            Object arg = op.getValue();
            boolean holds = switch (op.getKey()) {
                case "eq" -> value != null && value == plainId(arg.toString());
                case "ne" -> !(value != null && value == plainId(arg.toString()));
                case "in" -> value != null && ((List<?>) arg).stream().anyMatch(x -> plainId(x.toString()) == value);
                case "notIn" -> !(value != null && ((List<?>) arg).stream().anyMatch(x -> plainId(x.toString()) == value));
                case "lt" -> value != null && value < plainId(arg.toString());
                case "lte" -> value != null && value <= plainId(arg.toString());
                case "gt" -> value != null && value > plainId(arg.toString());
                case "gte" -> value != null && value >= plainId(arg.toString());
                default -> throw new IllegalStateException("IdFilter." + op.getKey());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** Rules 1 and 5: startsWith/endsWith/contains literally (% and _ are characters), containsInsensitive folding every letter. */
    private boolean stringFilter(String value, Map<String, Object> filter) {
        for (var op : filter.entrySet()) {
            Object arg = op.getValue();
            boolean holds = switch (op.getKey()) {
                case "eq" -> value != null && value.equals(arg);
                case "ne" -> !(value != null && value.equals(arg));
                case "in" -> value != null && ((List<?>) arg).contains(value);
                case "notIn" -> !(value != null && ((List<?>) arg).contains(value));
                case "lt" -> value != null && compareStrings(value, (String) arg) < 0;
                case "lte" -> value != null && compareStrings(value, (String) arg) <= 0;
                case "gt" -> value != null && compareStrings(value, (String) arg) > 0;
                case "gte" -> value != null && compareStrings(value, (String) arg) >= 0;
                case "startsWith" -> value != null && value.startsWith((String) arg);
                case "endsWith" -> value != null && value.endsWith((String) arg);
                case "contains" -> value != null && value.contains((String) arg);
                case "containsInsensitive" -> value != null && fold(value).contains(fold((String) arg));
                case "isNull" -> (value == null) == (Boolean) arg;
                default -> throw new IllegalStateException("StringFilter." + op.getKey());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static boolean dateTimeFilter(Instant value, Map<String, Object> filter) {
        for (var op : filter.entrySet()) {
            Instant arg = instant(op.getValue().toString());
            int cmp = value == null ? 0 : value.compareTo(arg);
            boolean holds = switch (op.getKey()) {
                case "eq" -> value != null && cmp == 0;
                case "ne" -> !(value != null && cmp == 0);
                case "lt" -> value != null && cmp < 0;
                case "lte" -> value != null && cmp <= 0;
                case "gt" -> value != null && cmp > 0;
                case "gte" -> value != null && cmp >= 0;
                default -> throw new IllegalStateException("DateTimeFilter." + op.getKey());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** Case folding for all of Unicode, letter by letter (the simple lower-case mapping: "Ö" and "ö" are one letter). */
    static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.toLowerCase(c)));
        return b.toString();
    }

    private int compareStrings(String a, String b) {
        if (!codePointCollation) {
            throw new Unsupported("Unsupported: a string order under the database's collation");
        }
        return CODE_POINTS.compare(a, b);
    }

    static Instant instant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("VALIDATION: not a DateTime: " + text);
        }
    }

    /** A column's value: an id (Long), a string, a DateTime (Instant). */
    private static Object column(Kind kind, Object row, String field) {
        return switch (kind) {
            case DEPARTMENT -> field.equals("id") ? (Object) ((Department) row).id() : ((Department) row).name();
            case EMPLOYEE -> switch (field) {
                case "id" -> ((Employee) row).id();
                case "name" -> ((Employee) row).name();
                default -> ((Employee) row).hired();
            };
            case LINK -> ((Link) row).extraData();
            case USER -> field.equals("id") ? (Object) ((User) row).id() : ((User) row).name();
            case POST -> field.equals("id") ? (Object) ((Post) row).id() : ((Post) row).title();
            case ADDRESS -> field.equals("id") ? (Object) ((Address) row).id() : ((Address) row).address();
        };
    }

    /** A to-one relation's row, or null. */
    private Object one(Kind kind, Object row, String relation) {
        return switch (relation) {
            case "head" -> ((Department) row).headId() == null ? null : employees.get(((Department) row).headId());
            case "headOf" -> byHead.get(((Employee) row).id());
            case "department" -> departments.get(((Link) row).departmentId());
            case "employee" -> employees.get(((Link) row).employeeId());
            case "owner" -> ((Post) row).ownerId() == null ? null : users.get(((Post) row).ownerId());
            case "user" -> ((Address) row).userId() == null ? null : users.get(((Address) row).userId());
            default -> throw new IllegalStateException(kind + "." + relation);
        };
    }

    private Map<Long, List<Post>> postsByOwner;
    private Map<Long, List<Address>> addressesByUser;

    /** A to-many relation's rows, in the list's order (by the far end's id). */
    @SuppressWarnings("unchecked")
    <T> List<T> related(Kind kind, Object row, String relation) {
        if (postsByOwner == null) {
            synchronized (this) {
                Map<Long, List<Address>> a = new java.util.HashMap<>();
                addresses.values().stream().filter(x -> x.userId() != null).forEach(x -> a.computeIfAbsent(x.userId(), k -> new ArrayList<>()).add(x));
                addressesByUser = a;
                Map<Long, List<Post>> p = new java.util.HashMap<>();
                posts.values().stream().filter(x -> x.ownerId() != null).forEach(x -> p.computeIfAbsent(x.ownerId(), k -> new ArrayList<>()).add(x));
                postsByOwner = p;
            }
        }
        return (List<T>) switch (relation) {
            case "employees" -> linksOf(((Department) row).id(), true, 0).stream().map(l -> employees.get(l.employeeId())).toList();
            case "employeeLinks" -> linksOf(((Department) row).id(), true, 0);
            case "departments" -> linksOf(((Employee) row).id(), false, 0).stream().map(l -> departments.get(l.departmentId())).toList();
            case "departmentLinks" -> linksOf(((Employee) row).id(), false, 0);
            case "posts" -> postsByOwner.getOrDefault(((User) row).id(), List.of());
            case "addresses" -> addressesByUser.getOrDefault(((User) row).id(), List.of());
            default -> throw new IllegalStateException(kind + "." + relation);
        };
    }

    // sorts

    /** The contract's {@code ...Sort} fields that are relations: the sort type of the related row. */
    private static Kind sortTarget(String field) {
        return switch (field) {
            case "head", "employee" -> Kind.EMPLOYEE;
            case "headOf", "department" -> Kind.DEPARTMENT;
            default -> null;
        };
    }

    /**
     * {@code sort}: each element sets exactly one field (else VALIDATION); the elements in turn, each
     * ascending or descending, nulls last both ways; ties keep the list's order (by id). A stable sort.
     */
    <T> List<T> sorted(Kind kind, List<T> rows, List<Map<String, Object>> sort) {
        for (Map<String, Object> element : sort) {
            checkSortElement(element);
        }
        Comparator<T> comparator = (a, b) -> 0;
        for (Map<String, Object> element : sort) {
            comparator = comparator.thenComparing((a, b) -> compareSortValues(sortValue(kind, a, element), sortValue(kind, b, element)));
        }
        List<T> out = new ArrayList<>(rows);
        out.sort(comparator);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void checkSortElement(Map<String, Object> element) {
        if (element.size() != 1 || element.values().iterator().next() == null) {
            throw new IllegalArgumentException("VALIDATION: a sort element sets exactly one field, this one " + element.keySet());
        }
        if (element.values().iterator().next() instanceof Map<?, ?> nested) {
            checkSortElement((Map<String, Object>) nested);
        }
    }

    /** A row's value under one sort element and its direction. */
    private record SortValue(Object value, boolean descending) {
    }

    @SuppressWarnings("unchecked")
    private SortValue sortValue(Kind kind, Object row, Map<String, Object> element) {
        var entry = element.entrySet().iterator().next();
        String field = entry.getKey();
        if (entry.getValue() instanceof Map<?, ?> nested) {
            Object other = one(kind, row, field);
            if (other == null) {
                return new SortValue(null, isDescending((Map<String, Object>) nested));
            }
            return sortValue(sortTarget(field), other, (Map<String, Object>) nested);
        }
        boolean descending = "DESC".equals(entry.getValue().toString());
        if (field.endsWith("Count")) {
            return new SortValue(related(kind, row, field.substring(0, field.length() - "Count".length())).size(), descending);
        }
        return new SortValue(column(kind, row, field), descending);
    }

    @SuppressWarnings("unchecked")
    private static boolean isDescending(Map<String, Object> element) {
        Object v = element.values().iterator().next();
        return v instanceof Map<?, ?> m ? isDescending((Map<String, Object>) m) : "DESC".equals(v.toString());
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private int compareSortValues(SortValue a, SortValue b) {
        if (a.value() == null || b.value() == null) {
            return a.value() == null ? (b.value() == null ? 0 : 1) : -1; // nulls last, both ways
        }
        int cmp = a.value() instanceof String s ? compareStrings(s, (String) b.value()) : ((Comparable) a.value()).compareTo(b.value());
        return a.descending() ? -cmp : cmp;
    }

    // aggregates and groups

    /** The rows an aggregate is over. */
    record Aggregate(Kind kind, List<?> rows) {
    }

    private record MinMax(Aggregate of, boolean max) {
    }

    /** The least or greatest non-null value of a column over rows (null over none). */
    Object extreme(Kind kind, List<?> rows, String field, boolean max) {
        Object best = null;
        for (Object row : rows) {
            Object v = column(kind, row, field);
            if (v != null && (best == null || compareSortValues(new SortValue(v, max), new SortValue(best, max)) < 0)) {
                best = v;
            }
        }
        return best;
    }

    /** How many different non-null extraData the links have (as SQL's count(distinct)). */
    static int distinctExtraData(List<?> links) {
        return (int) links.stream().map(l -> ((Link) l).extraData()).filter(x -> x != null).distinct().count();
    }

    /** One group of links: the keys grouped by (the others null), how many links. */
    record Group(String extraData, Department department, Employee employee, int count, List<Object> keys) {
    }

    private List<Group> groups(List<Link> rows, DataFetchingEnvironment e) {
        List<String> by = e.getArgument("by");
        Integer first = e.getArgument("first");
        return groups(rows, by, first == null ? 100 : first);
    }

    /** One group per distinct key, by count descending, then by the keys in the order given (nulls last); at most {@code first}. */
    List<Group> groups(List<Link> rows, List<String> by, int first) {
        checkedFirst(first);
        if (by.isEmpty() || new java.util.HashSet<>(by).size() != by.size()) {
            throw new IllegalArgumentException("VALIDATION: by names each key once");
        }
        Map<List<Object>, Integer> counts = new java.util.LinkedHashMap<>();
        for (Link l : rows) {
            List<Object> key = new ArrayList<>();
            for (String k : by) {
                key.add(switch (k) {
                    case "EXTRA_DATA" -> l.extraData();
                    case "DEPARTMENT" -> l.departmentId();
                    default -> l.employeeId();
                });
            }
            counts.merge(key, 1, Integer::sum);
        }
        List<Group> groups = new ArrayList<>();
        counts.forEach((key, count) -> {
            int i = by.indexOf("EXTRA_DATA");
            int d = by.indexOf("DEPARTMENT");
            int m = by.indexOf("EMPLOYEE");
            groups.add(new Group(i < 0 ? null : (String) key.get(i), d < 0 ? null : departments.get((Long) key.get(d)),
                    m < 0 ? null : employees.get((Long) key.get(m)), count, key));
        });
        groups.sort((a, b) -> {
            int cmp = Integer.compare(b.count(), a.count());
            for (int i = 0; cmp == 0 && i < by.size(); i++) {
                cmp = compareSortValues(new SortValue(a.keys().get(i), false), new SortValue(b.keys().get(i), false));
            }
            return cmp;
        });
        return groups.subList(0, Math.min(first, groups.size()));
    }

    private static <T> Page page(List<T> rest, int total, DataFetchingEnvironment e, java.util.function.Function<T, String> cursor) {
        Integer first = e.getArgument("first");
        int limit = checkedFirst(first == null ? 100 : first);
        List<T> items = rest.subList(0, Math.min(limit, rest.size()));
        return new Page(items, items.isEmpty() ? null : cursor.apply(items.get(items.size() - 1)), rest.size() > limit, total);
    }

    /** A cursor: base64url, without padding, of "order \n sort value \n id" (README: opaque, valid only for its order). */
    private static String encode(String order, String sort, long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((order + "\n" + sort + "\n" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] cursor(String cursor, String order) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VALIDATION: not a cursor");
        }
        int first = text.indexOf('\n');
        int last = text.lastIndexOf('\n');
        if (first < 0 || first == last || !text.substring(0, first).equals(order)) {
            throw new IllegalArgumentException("VALIDATION: not a cursor of " + order);
        }
        return new String[] { text.substring(0, first), text.substring(first + 1, last), text.substring(last + 1) };
    }

    private static long after(DataFetchingEnvironment e) {
        Object after = e.getArgument("after");
        return after == null ? 0 : plainId(after.toString());
    }

    private static long positiveId(DataFetchingEnvironment e, String argument) {
        long id = plainId(e.getArgument(argument).toString());
        if (id <= 0) {
            throw new IllegalArgumentException("VALIDATION: " + argument + " must be positive");
        }
        return id;
    }

    private static Long optionalPositiveId(DataFetchingEnvironment e, String argument) {
        return e.getArgument(argument) == null ? null : positiveId(e, argument);
    }

    /** An ID as the API reads it: a plain decimal, no leading zeros. */
    private static long plainId(String text) {
        if (!text.matches("-?(0|[1-9][0-9]{0,18})")) {
            throw new IllegalArgumentException("VALIDATION: not an id: " + text);
        }
        return Long.parseLong(text);
    }

    private static String text(DataFetchingEnvironment e, String argument) {
        String s = e.getArgument(argument);
        if (s.isBlank() || s.length() > 256) {
            throw new IllegalArgumentException("VALIDATION: " + argument + " empty or too long");
        }
        return s;
    }

    private static long id(Object v) {
        return ((Number) v).longValue();
    }

    private static Long optionalId(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }

    /** A timestamp as the API writes a DateTime: ISO-8601 in UTC, seconds, the fraction without trailing zeros, 'Z'. */
    static String dateTime(Instant t) {
        String seconds = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(t.atOffset(ZoneOffset.UTC));
        String fraction = String.format("%06d", t.getNano() / 1000).replaceAll("0+$", "");
        return seconds + (fraction.isEmpty() ? "" : "." + fraction) + "Z";
    }
}

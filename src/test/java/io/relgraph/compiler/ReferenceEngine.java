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

    record Employee(long id, String name, String hiredOn) {
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
    private final GraphQL graphql;

    /** Copies every row of the database's tables (read through JDBC, beside the application). */
    static ReferenceEngine snapshot() {
        return new ReferenceEngine();
    }

    private ReferenceEngine() {
        for (var r : Database.rows("select id, name, head_id from department")) {
            departments.put(id(r.get("id")), new Department(id(r.get("id")), (String) r.get("name"), optionalId(r.get("head_id"))));
        }
        for (var r : Database.rows("select id, name, hired_on from employee")) {
            employees.put(id(r.get("id")), new Employee(id(r.get("id")), (String) r.get("name"), dateTime(((Timestamp) r.get("hired_on")).toInstant())));
        }
        for (var r : Database.rows("select department_id, employee_id, extra_data from department_employee_link")) {
            links.add(new Link(id(r.get("department_id")), id(r.get("employee_id")), (String) r.get("extra_data")));
        }
        links.sort(Comparator.comparingLong(Link::departmentId).thenComparingLong(Link::employeeId));
        for (Link l : links) {
            linksByDepartment.computeIfAbsent(l.departmentId(), k -> new ArrayList<>()).add(l);
        }
        links.stream().sorted(Comparator.comparingLong(Link::employeeId).thenComparingLong(Link::departmentId))
                .forEach(l -> linksByEmployee.computeIfAbsent(l.employeeId(), k -> new ArrayList<>()).add(l));
        departments.values().stream().filter(d -> d.headId() != null).forEach(d -> byHead.put(d.headId(), d));
        for (var r : Database.rows("select id, name from users")) {
            users.put(id(r.get("id")), new User(id(r.get("id")), (String) r.get("name")));
        }
        for (var r : Database.rows("select id, owner_id, title from post")) {
            posts.put(id(r.get("id")), new Post(id(r.get("id")), optionalId(r.get("owner_id")), (String) r.get("title")));
        }
        for (var r : Database.rows("select id, user_id, address from address")) {
            addresses.put(id(r.get("id")), new Address(id(r.get("id")), optionalId(r.get("user_id")), (String) r.get("address")));
        }
        String collation = (String) Database.value("select datcollate from pg_database where datname = current_database()");
        codePointCollation = "C".equals(collation) || "POSIX".equals(collation);
        graphql = GraphQL.newGraphQL(schema()).build();
    }

    /** The answer ({@code data}, and {@code errors} when any) as the specification's map. */
    Map<String, Object> execute(String query, String operationName, Map<String, Object> variables) {
        ExecutionInput input = ExecutionInput.newExecutionInput(query).operationName(operationName)
                .variables(variables == null ? Map.of() : variables).build();
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
        }).build();
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring().scalar(dateTime)
                .type(TypeRuntimeWiring.newTypeWiring("Query")
                        .dataFetcher("department", e -> departments.get(positiveId(e, "id")))
                        .dataFetcher("departmentByName", e -> departments.values().stream()
                                .filter(d -> d.name().equals(text(e, "name"))).findFirst().orElse(null))
                        .dataFetcher("departments", e -> list(departments.tailMap(after(e), false).values(), e))
                        .dataFetcher("departmentPage", e -> namedPage(departments.values(), Department::id, Department::name, e))
                        .dataFetcher("employee", e -> employees.get(positiveId(e, "id")))
                        .dataFetcher("employees", e -> {
                            String name = e.getArgument("name");
                            return list(employees.tailMap(after(e), false).values().stream()
                                    .filter(x -> name == null || x.name().equals(name)).toList(), e);
                        })
                        .dataFetcher("employeePage", e -> namedPage(employees.values(), Employee::id, Employee::name, e))
                        .dataFetcher("links", e -> list(links.stream().filter(linkFilter(e)).toList(), e))
                        .dataFetcher("linkPage", this::linkPage)
                        .dataFetcher("user", e -> users.get(positiveId(e, "id")))
                        .dataFetcher("users", e -> list(users.tailMap(after(e), false).values(), e))
                        .dataFetcher("userPage", e -> namedPage(users.values(), User::id, User::name, e))
                        .dataFetcher("post", e -> posts.get(positiveId(e, "id")))
                        .dataFetcher("address", e -> addresses.get(positiveId(e, "id"))))
                .type(TypeRuntimeWiring.newTypeWiring("Department")
                        .dataFetcher("id", e -> e.<Department>getSource().id())
                        .dataFetcher("name", e -> e.<Department>getSource().name())
                        .dataFetcher("head", e -> {
                            Long head = e.<Department>getSource().headId();
                            return head == null ? null : employees.get(head);
                        })
                        .dataFetcher("employeeLinks", e -> list(linksOf(e.<Department>getSource().id(), true, after(e)), e))
                        .dataFetcher("employees", e -> list(linksOf(e.<Department>getSource().id(), true, after(e)).stream()
                                .map(l -> employees.get(l.employeeId())).toList(), e)))
                .type(TypeRuntimeWiring.newTypeWiring("Employee")
                        .dataFetcher("id", e -> e.<Employee>getSource().id())
                        .dataFetcher("name", e -> e.<Employee>getSource().name())
                        .dataFetcher("hiredOn", e -> e.<Employee>getSource().hiredOn())
                        .dataFetcher("headOf", e -> byHead.get(e.<Employee>getSource().id()))
                        .dataFetcher("departmentLinks", e -> list(linksOf(e.<Employee>getSource().id(), false, after(e)), e))
                        .dataFetcher("departments", e -> list(linksOf(e.<Employee>getSource().id(), false, after(e)).stream()
                                .map(l -> departments.get(l.departmentId())).toList(), e)))
                .type(TypeRuntimeWiring.newTypeWiring("DepartmentEmployeeLink")
                        .dataFetcher("extraData", e -> e.<Link>getSource().extraData())
                        .dataFetcher("department", e -> departments.get(e.<Link>getSource().departmentId()))
                        .dataFetcher("employee", e -> employees.get(e.<Link>getSource().employeeId())))
                .type(TypeRuntimeWiring.newTypeWiring("User")
                        .dataFetcher("id", e -> e.<User>getSource().id())
                        .dataFetcher("name", e -> e.<User>getSource().name())
                        .dataFetcher("posts", e -> list(posts.tailMap(after(e), false).values().stream()
                                .filter(p -> p.ownerId() != null && p.ownerId() == e.<User>getSource().id()).toList(), e))
                        .dataFetcher("addresses", e -> list(addresses.tailMap(after(e), false).values().stream()
                                .filter(a -> a.userId() != null && a.userId() == e.<User>getSource().id()).toList(), e)))
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

    private static int checkedFirst(int first) {
        if (first < 0 || first > MAX_PAGE) {
            throw new IllegalArgumentException("first out of range: " + first);
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
        List<Link> matches = links.stream().filter(filter).toList();
        String after = e.getArgument("after");
        List<Link> rest = matches;
        if (after != null) {
            String[] c = cursor(after, "DEPARTMENT_EMPLOYEE");
            long sort = Long.parseLong(c[1]);
            long id = Long.parseLong(c[2]);
            rest = matches.stream().filter(l -> l.departmentId() > sort || l.departmentId() == sort && l.employeeId() > id).toList();
        }
        return page(rest, matches.size(), e, l -> encode("DEPARTMENT_EMPLOYEE", String.valueOf(l.departmentId()), l.employeeId()));
    }

    private <T> Page namedPage(java.util.Collection<T> rows, java.util.function.ToLongFunction<T> id, java.util.function.Function<T, String> name,
            DataFetchingEnvironment e) {
        String filter = e.getArgument("name");
        Object orderArgument = e.getArgument("orderBy");
        String order = orderArgument == null ? "ID_ASC" : orderArgument.toString();
        boolean byName = order.startsWith("NAME");
        boolean descending = order.endsWith("DESC");
        if (byName && !codePointCollation) {
            throw new Unsupported("Unsupported: a name order under the database's collation");
        }
        Comparator<T> comparator = byName ? Comparator.comparing(name, CODE_POINTS).thenComparingLong(id) : Comparator.comparingLong(id);
        if (descending) {
            comparator = comparator.reversed();
        }
        List<T> matches = rows.stream().filter(x -> filter == null || name.apply(x).equals(filter)).sorted(comparator).toList();
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

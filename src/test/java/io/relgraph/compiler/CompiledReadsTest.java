package io.relgraph.compiler;

import static io.relgraph.GraphQL.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.auth.TestTokens;
import io.restassured.http.ContentType;

/**
 * Every kind of read the compiler covers answers exactly what the resolver engine answers (same
 * values, nulls, order, formats, key order), and every read whose resolver answer is an error is
 * left to the resolver.
 */
@QuarkusTest
class CompiledReadsTest {

    private static final String ENGINE = "X-Relgraph-Engine";

    // --- worlds ---------------------------------------------------------------------------------

    /** A department with a head and {@code n} linked employees, hired at whole seconds and at fractions (.25, .000014, .250007, ...). */
    private static long department(String name, int n) {
        Database.update("insert into employee (name, hired_on) select ? || '-' || g,"
                + " timestamptz '2024-03-01 10:00:00+02' + g * interval '1 day' + (g % 2) * interval '0.25 second' + (g % 3) * interval '0.000007 second'"
                + " from generate_series(1, ?) g", name, n);
        Database.update("insert into department (name) values (?)", name);
        long d = id("select id from department where name = ?", name);
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data)"
                + " select ?, id, case when id % 2 = 0 then 'part-time' end from employee where name like ? || '-%'", d, name);
        Database.update("update department set head_id = (select min(id) from employee where name like ? || '-%') where id = ?", name, d);
        return d;
    }

    private static long id(String sql, Object... params) {
        return ((Number) Database.value(sql, params)).longValue();
    }

    // --- the comparison -------------------------------------------------------------------------

    /** The answer of one engine over HTTP: the response body and the engine that wrote it. */
    private record Answer(String engine, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    private static Answer post(String query, Map<String, Object> variables, boolean resolver) {
        var request = given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .header("Authorization", TestTokens.bearer(TestTokens.admin())); // some scenarios are mutations
        if (resolver) {
            request = request.header(ENGINE, "resolver");
        }
        var response = request.when().post("/graphql").then().statusCode(200).extract();
        return new Answer(response.header(ENGINE), response.asString());
    }

    private static Map<String, Object> vars(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /** Both engines answer alike, without errors, and the request was compiled; returns {@code data}. */
    private static JsonObject same(String query, Object... variables) {
        Map<String, Object> v = vars(variables);
        Answer resolver = post(query, v, true);
        Answer compiled = post(query, v, false);
        assertEquals("resolver", resolver.engine());
        assertNull(resolver.json().get("errors"), () -> "the resolver engine failed: " + resolver.body());
        assertEquals("compiled", compiled.engine(), () -> "not compiled: " + query);
        // parsed and printed again: same values, nulls, order and key order, whitespace aside
        assertEquals(resolver.json().toString(), compiled.json().toString(), query);
        return compiled.json().getJsonObject("data");
    }

    /** The compiler leaves this request to the resolver, whose answer is an error with {@code code}. */
    private static void leftToResolver(String code, String query, Object... variables) {
        Answer a = post(query, vars(variables), false);
        assertEquals("resolver", a.engine(), () -> "compiled, but the resolver answers: " + query);
        if (code != null) {
            assertEquals(code, a.json().getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"), a.body());
        }
    }

    // --- scenarios ------------------------------------------------------------------------------

    @Test
    void aDepartmentWithItsHeadEmployeesAndLinksBothWays() {
        long d = department(unique("Compiled"), 6);
        JsonObject r = same("""
                query($d: ID!) {
                  department(id: $d) {
                    __typename id name
                    head { id name hiredOn headOf { id name } }
                    employees { id name hiredOn departments(first: 10) { id name } }
                    employeeLinks(first: 10) { extraData employee { id departmentLinks(first: 5) { extraData department { id } } } department { name } }
                  }
                }""", "d", String.valueOf(d));
        assertEquals(6, r.getJsonObject("department").getJsonArray("employees").size());
        same("query($d: ID!) { department(id: $d) { employees(first: 2, after: \"0\") { id } employeeLinks(first: 0) { extraData } } }",
                "d", String.valueOf(d));
    }

    @Test
    void byNameByIdAndMissingRowsAreNull() {
        String name = unique("Compiled");
        long d = department(name, 2);
        same("query($n: String!) { departmentByName(name: $n) { id name } }", "n", name);
        same("{ department(id: 999999999) { id } employee(id: 999999999) { id } user(id: 999999999) { id }"
                + " post(id: 999999999) { id } address(id: 999999999) { id } departmentByName(name: \"no such\") { id } }");
        long e = id("select head_id from department where id = ?", d);
        same("query($e: ID!) { employee(id: $e) { id name hiredOn headOf { name head { id } } } }", "e", String.valueOf(e));
    }

    @Test
    void rootListsWithFirstAfterAndFilters() {
        String name = unique("Compiled");
        long d = department(name, 5);
        long e = id("select min(id) from employee where name like ? || '-%'", name);
        same("query($after: ID) { departments(first: 3, after: $after) { id name } users(first: 2) { id name } }", "after",
                String.valueOf(d - 1));
        same("query($n: String) { employees(name: $n) { id name hiredOn } }", "n", name + "-3");
        same("query($e: ID) { employees(first: 4, after: $e) { id } }", "e", String.valueOf(e));
        same("query($d: ID, $e: ID) { links(departmentId: $d) { extraData employee { id } }"
                + " one: links(departmentId: $d, employeeId: $e) { extraData } partTime: links(departmentId: $d, extraData: \"part-time\", first: 2) { employee { id } } }",
                "d", String.valueOf(d), "e", String.valueOf(e));
    }

    @Test
    void rootPagesInEveryOrderWithCursorsAndCounts() {
        String name = unique("Compiled");
        long d = department(name, 7);
        for (String order : List.of("ID_ASC", "ID_DESC", "NAME_ASC", "NAME_DESC")) {
            String query = """
                    query($first: Int, $after: String, $order: ListOrder) {
                      employeePage(first: $first, after: $after, orderBy: $order) { __typename items { id name } endCursor hasNextPage totalCount }
                      departmentPage(first: 2, orderBy: $order) { hasNextPage items { name } endCursor }
                      userPage(first: 1, orderBy: $order) { endCursor items { id } }
                    }""";
            JsonObject first = same(query, "first", 3, "order", order);
            String cursor = first.getJsonObject("employeePage").getString("endCursor");
            same(query, "first", 3, "after", cursor, "order", order);
        }
        String links = "query($d: ID, $after: String) { linkPage(departmentId: $d, first: 4, after: $after)"
                + " { items { extraData employee { id } } endCursor hasNextPage totalCount } }";
        JsonObject page = same(links, "d", String.valueOf(d));
        same(links, "d", String.valueOf(d), "after", page.getJsonObject("linkPage").getString("endCursor"));
        same("query($n: String) { employeePage(name: $n) { totalCount items { name } endCursor hasNextPage } emptyPage: departmentPage(name: \"nobody\") { items { id } endCursor hasNextPage totalCount } }",
                "n", name + "-2");
    }

    @Test
    void usersPostsAndAddressesFromBothEnds() {
        String name = unique("Compiled");
        Database.update("insert into users (name) values (?)", name);
        long u = id("select id from users where name = ?", name);
        Database.update("insert into post (owner_id, title) values (?, 'first'), (?, null), (null, 'orphan')", u, u);
        Database.update("insert into address (user_id, address) values (?, 'Main Street 1'), (?, 'Quai \"2\" \\ \u00e9')", u, u);
        long orphan = id("select max(id) from post where owner_id is null and title = 'orphan'");
        long address = id("select min(id) from address where user_id = ?", u);
        same("query($u: ID!, $p: ID!, $a: ID!) {"
                + " user(id: $u) { id name posts { id title owner { name } } addresses(first: 1) { address user { id } } }"
                + " post(id: $p) { title owner { id } } address(id: $a) { address user { posts { title } } } }",
                "u", String.valueOf(u), "p", String.valueOf(orphan), "a", String.valueOf(address));
        long firstPost = id("select min(id) from post where owner_id = ?", u);
        JsonObject r = same("query($u: ID!, $after: ID) { user(id: $u) { posts(first: 5, after: $after) { id } addresses(first: 5, after: $after) { id } }"
                + " users(first: 1, after: $after) { id } }", "u", String.valueOf(u), "after", String.valueOf(firstPost));
        assertEquals(1, r.getJsonObject("user").getJsonArray("posts").size());
    }

    @Test
    void aliasesFragmentsAndRepeatedFieldsMergeAsGraphqlJavaMergesThem() {
        long d = department(unique("Compiled"), 3);
        same("""
                query($d: ID!) {
                  a: department(id: $d) { ...names employees { id } ... on Department { head { name } } }
                  b: department(id: $d) { n: name id ... { employees { name } } employees { hiredOn } }
                  a: department(id: $d) { head { id } name }
                  __typename
                }
                fragment names on Department { name id head { id } employees { name } }""", "d", String.valueOf(d));
    }

    @Test
    void variablesWithDefaultsAndIncludeSkipDecidedPerRequest() {
        long d = department(unique("Compiled"), 4);
        String query = """
                query($d: ID!, $withHead: Boolean = true, $skipLinks: Boolean!, $first: Int = 2) {
                  department(id: $d) {
                    head @include(if: $withHead) { name }
                    employeeLinks(first: $first) @skip(if: $skipLinks) { extraData }
                    ... on Department @include(if: $withHead) { id }
                    ...more @skip(if: $skipLinks)
                    name @skip(if: true)
                  }
                }
                fragment more on Department { employees(first: 1) { name } }""";
        same(query, "d", String.valueOf(d), "skipLinks", false);
        same(query, "d", String.valueOf(d), "withHead", false, "skipLinks", true, "first", 3);
        same(query, "d", String.valueOf(d), "skipLinks", false, "first", null);
    }

    @Test
    void requestsWhoseAnswerIsAnErrorAreLeftToTheResolver() {
        long d = department(unique("Compiled"), 2);
        leftToResolver("VALIDATION", "{ department(id: 0) { id } }");
        leftToResolver("VALIDATION", "{ departmentByName(name: \"  \") { id } }");
        leftToResolver("VALIDATION", "query($n: String!) { departmentByName(name: $n) { id } }", "n", "x".repeat(257));
        leftToResolver("VALIDATION", "{ departments(first: -1) { id } }");
        leftToResolver("LIMIT_EXCEEDED", "{ departments(first: 1001) { id } }");
        leftToResolver("VALIDATION", "{ links(employeeId: -3) { extraData } }");
        leftToResolver("VALIDATION", "{ employeePage(after: \"bm90IGEgY3Vyc29y\") { totalCount } }");
        leftToResolver("VALIDATION", "query($d: ID!) { department(id: $d) { employees(first: -2) { id } } }", "d", String.valueOf(d));
        // a cursor of another order
        String cursor = compiledCursor();
        leftToResolver("VALIDATION", "query($c: String) { employeePage(after: $c, orderBy: NAME_ASC) { totalCount } }", "c", cursor);
        // one relation with two argument sets, one of them refused: the resolver answers (and refuses the two sets, RelationArguments)
        leftToResolver("VALIDATION", "query($d: ID!) { department(id: $d) { a: employees(first: 1) { id } b: employees(first: -2) { id } } }",
                "d", String.valueOf(d));
        // not reads the compiler covers: more keys in one object than json_build_object takes (50), a mutation of two
        // fields (one field is mutation.MutationRunner's), introspection
        StringBuilder wide = new StringBuilder("{ department(id: 1) {");
        for (int i = 0; i < 51; i++) {
            wide.append(" k").append(i).append(": id");
        }
        leftToResolver(null, wide.append(" } }").toString());
        leftToResolver(null, "mutation { a: createUser(name: \"x\") { id } b: createUser(name: \"y\") { id } }");
        leftToResolver(null, "{ __schema { queryType { name } } }");
    }

    private static String compiledCursor() {
        return same("{ employeePage(first: 1) { endCursor } }").getJsonObject("employeePage").getString("endCursor");
    }

    @Test
    void anUnpagedListOverThePageLimitIsLeftToTheResolver() {
        String name = unique("Compiled");
        long d = department(name, 1001);
        try {
            leftToResolver("LIMIT_EXCEEDED", "query($d: ID!) { department(id: $d) { employees { id } } }", "d", String.valueOf(d));
            leftToResolver("LIMIT_EXCEEDED", "query($n: String) { employees(name: $n) { id } links { extraData } }", "n", name + "-1");
            // paged, it is compiled
            JsonObject r = same("query($d: ID!) { department(id: $d) { employees(first: 1000) { id } } }", "d", String.valueOf(d));
            assertEquals(1000, r.getJsonObject("department").getJsonArray("employees").size());
            assertTrue(Database.count("select count(*) from department_employee_link where department_id = ?", d) > 1000);
        } finally {
            // other tests share the database and list links unpaged
            Database.update("delete from department where id = ?", d);
            Database.update("delete from employee where name like ? || '-%'", name);
        }
    }

    @Test
    void aRepeatedDocumentIsPlannedOnceAndTheCacheIsMeasured() {
        String query = "{ " + unique("q").replace("-", "_") + ": departments(first: 1) { id } }";
        double hits = metric("relgraph_compiler_plans_lookups_total{result=\"hit\"}");
        double misses = metric("relgraph_compiler_plans_lookups_total{result=\"miss\"}");
        same(query);
        assertEquals(misses + 1, metric("relgraph_compiler_plans_lookups_total{result=\"miss\"}"));
        same(query);
        same(query);
        assertEquals(hits + 2, metric("relgraph_compiler_plans_lookups_total{result=\"hit\"}"));
        assertEquals(misses + 1, metric("relgraph_compiler_plans_lookups_total{result=\"miss\"}"));
        assertTrue(metric("relgraph_compiler_plans_size") >= 1);
    }

    /** A sample of the Prometheus scrape, by its name and labels. */
    private static double metric(String sample) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(l -> l.startsWith(sample + " ")).mapToDouble(l -> Double.parseDouble(l.substring(sample.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + sample));
    }
}

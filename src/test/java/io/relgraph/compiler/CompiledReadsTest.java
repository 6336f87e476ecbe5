package io.relgraph.compiler;

import static io.relgraph.GraphQL.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import graphql.parser.Parser;
import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.http.ContentType;

/**
 * Every kind of read the compiler covers answers exactly what the resolver engine answers (same
 * values, nulls, order, formats, key order), and every read whose resolver answer is an error is
 * left to the resolver.
 */
@QuarkusTest
class CompiledReadsTest {

    @Inject
    ReadCompiler compiler;

    // --- worlds ---------------------------------------------------------------------------------

    /** A department with a head and {@code n} linked employees (hired at distinct instants, some with fractions of seconds). */
    private static long department(String name, int n) {
        Database.update("insert into employee (name, hired_on) select ? || '-' || g,"
                + " timestamptz '2024-03-01 10:00:00+02' + g * interval '1 day 1.25 second' + (g % 3) * interval '0.000007 second'"
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

    /** The resolver engine's {@code data}, as JSON text (keys in the order it wrote them). */
    private static String resolver(String query, Map<String, Object> variables) {
        String body = given().contentType(ContentType.JSON).header("X-Relgraph-Engine", "resolver")
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql").then().statusCode(200).extract().asString();
        var response = Json.createReader(new StringReader(body)).readObject();
        assertNull(response.get("errors"), () -> "the resolver engine failed: " + body);
        return response.get("data").toString();
    }

    /** The compiled answer, or null when the compiler leaves the request to the resolver. */
    private String compiled(String query, Map<String, Object> variables) {
        CompiledRead read = compiler.compile(query, Parser.parse(query), null);
        if (read == null) {
            return null;
        }
        String text = read.execute(variables).await().indefinitely();
        return text == null ? null : Json.createReader(new StringReader(text)).readValue().toString();
    }

    private static Map<String, Object> vars(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /** Both engines answer alike; returns the answer. */
    private JsonValue same(String query, Object... variables) {
        Map<String, Object> v = vars(variables);
        String expected = resolver(query, v);
        String actual = compiled(query, v);
        assertNotNull(actual, "the compiler left this read to the resolver: " + query);
        assertEquals(expected, actual, query);
        return Json.createReader(new StringReader(actual)).readValue();
    }

    /** The compiler leaves this request to the resolver. */
    private void leftToResolver(String query, Object... variables) {
        assertNull(compiled(query, vars(variables)), "compiled, but the resolver answers with an error: " + query);
    }

    // --- scenarios ------------------------------------------------------------------------------

    @Test
    void aDepartmentWithItsHeadEmployeesAndLinksBothWays() {
        long d = department(unique("Compiled"), 6);
        JsonValue r = same("""
                query($d: ID!) {
                  department(id: $d) {
                    __typename id name
                    head { id name hiredOn headOf { id name } }
                    employees { id name hiredOn departments { id name } }
                    employeeLinks { extraData employee { id departmentLinks { extraData department { id } } } department { name } }
                  }
                }""", "d", String.valueOf(d));
        assertEquals(6, r.asJsonObject().getJsonObject("department").getJsonArray("employees").size());
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
            JsonValue first = same(query, "first", 3, "order", order);
            String cursor = first.asJsonObject().getJsonObject("employeePage").getString("endCursor");
            same(query, "first", 3, "after", cursor, "order", order);
        }
        String links = "query($d: ID, $after: String) { linkPage(departmentId: $d, first: 4, after: $after)"
                + " { items { extraData employee { id } } endCursor hasNextPage totalCount } }";
        JsonValue page = same(links, "d", String.valueOf(d));
        same(links, "d", String.valueOf(d), "after", page.asJsonObject().getJsonObject("linkPage").getString("endCursor"));
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
        leftToResolver("{ department(id: 0) { id } }");
        leftToResolver("{ departmentByName(name: \"  \") { id } }");
        leftToResolver("query($n: String!) { departmentByName(name: $n) { id } }", "n", "x".repeat(257));
        leftToResolver("{ departments(first: -1) { id } }");
        leftToResolver("{ departments(first: 1001) { id } }");
        leftToResolver("{ links(employeeId: -3) { extraData } }");
        leftToResolver("{ employeePage(after: \"bm90IGEgY3Vyc29y\") { totalCount } }");
        leftToResolver("query($d: ID!) { department(id: $d) { employees(first: -2) { id } } }", "d", String.valueOf(d));
        // a cursor of another order
        String cursor = compiledCursor();
        leftToResolver("query($c: String) { employeePage(after: $c, orderBy: NAME_ASC) { totalCount } }", "c", cursor);
        // one relation with two argument sets in one request (RelationArguments refuses it)
        leftToResolver("query($d: ID!) { department(id: $d) { a: employees(first: 1) { id } b: employees(first: 2) { id } } }",
                "d", String.valueOf(d));
        // not reads the compiler covers
        leftToResolver("mutation { createUser(name: \"x\") { id } }");
        leftToResolver("{ __schema { queryType { name } } }");
    }

    private String compiledCursor() {
        String text = compiled("{ employeePage(first: 1) { endCursor } }", Map.of());
        return Json.createReader(new StringReader(text)).readObject().getJsonObject("employeePage").getString("endCursor");
    }

    @Test
    void anUnpagedListOverThePageLimitIsLeftToTheResolver() {
        String name = unique("Compiled");
        long d = department(name, 1001);
        leftToResolver("query($d: ID!) { department(id: $d) { employees { id } } }", "d", String.valueOf(d));
        leftToResolver("query($n: String) { employees(name: $n) { id } links { extraData } }", "n", name + "-1");
        // paged, it is compiled
        JsonValue r = same("query($d: ID!) { department(id: $d) { employees(first: 1000) { id } } }", "d", String.valueOf(d));
        assertEquals(1000, r.asJsonObject().getJsonObject("department").getJsonArray("employees").size());
        assertTrue(Database.count("select count(*) from department_employee_link where department_id = ?", d) > 1000);
    }
}

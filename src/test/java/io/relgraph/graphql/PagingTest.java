package io.relgraph.graphql;

import static io.relgraph.GraphQL.error;
import static io.relgraph.GraphQL.ok;
import static io.relgraph.GraphQL.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.path.json.JsonPath;

/** Top-N per parent on relation lists, keyset pages with cursors and counts on roots, and the page limit. */
@QuarkusTest
class PagingTest {

    /** A department with {@code n} linked employees; returns its id. */
    static long departmentWith(int n) {
        String name = unique("Paged");
        long d = Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name).getString("data.createDepartment.id"));
        Database.update("insert into employee (name) select ? || '-' || g from generate_series(1, ?) g", name, n);
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data)"
                + " select ?, id, 'x' from employee where name like ? || '-%'", d, name);
        return d;
    }

    static List<String> linkedEmployeeIds(long d) {
        return Database.rows("select employee_id from department_employee_link where department_id = ? order by employee_id", d)
                .stream().map(r -> r.get("employee_id").toString()).toList();
    }

    @Test
    void relationListsTakeFirstAndAfterPerParent() {
        long a = departmentWith(7);
        long b = departmentWith(2);
        List<String> aIds = linkedEmployeeIds(a);
        JsonPath r = ok("""
                query($a: ID!, $b: ID!) {
                  x: department(id: $a) { employeeLinks(first: 3) { employee { id } } employees(first: 3) { id } }
                  y: department(id: $b) { employeeLinks(first: 3) { employee { id } } employees(first: 3) { id } }
                }""", "a", a, "b", b);
        assertEquals(aIds.subList(0, 3), r.getList("data.x.employeeLinks.employee.id"));
        assertEquals(aIds.subList(0, 3), r.getList("data.x.employees.id"));
        assertEquals(linkedEmployeeIds(b), r.getList("data.y.employees.id"));

        JsonPath next = ok("query($a: ID!, $after: ID) { department(id: $a) { employees(first: 3, after: $after) { id } } }",
                "a", a, "after", aIds.get(2));
        assertEquals(aIds.subList(3, 6), next.getList("data.department.employees.id"));
    }

    @Test
    void rootPagesWalkEveryRowOnceWithCursorsAndCount() {
        long d = departmentWith(25);
        List<String> expected = linkedEmployeeIds(d);
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            JsonPath r = ok("""
                    query($d: ID, $after: String) {
                      linkPage(departmentId: $d, first: 10, after: $after) { items { employee { id } } endCursor hasNextPage totalCount }
                    }""", "d", d, "after", after);
            assertEquals(25, r.getInt("data.linkPage.totalCount"));
            seen.addAll(r.getList("data.linkPage.items.employee.id"));
            pages++;
            if (!r.getBoolean("data.linkPage.hasNextPage")) {
                break;
            }
            after = r.getString("data.linkPage.endCursor");
        }
        assertEquals(3, pages);
        assertEquals(expected, seen);
    }

    @Test
    void departmentPagesFollowTheRequestedOrder() {
        departmentWith(1);
        departmentWith(1);
        List<Object> expected = Database.rows("select name from department order by name desc, id desc")
                .stream().map(r -> r.get("name")).toList();
        List<Object> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            JsonPath r = ok("query($after: String) { departmentPage(first: 7, after: $after, orderBy: NAME_DESC) { items { name } endCursor hasNextPage totalCount } }",
                    "after", after);
            assertEquals(expected.size(), r.getInt("data.departmentPage.totalCount"));
            seen.addAll(r.getList("data.departmentPage.items.name"));
            more = r.getBoolean("data.departmentPage.hasNextPage");
            after = r.getString("data.departmentPage.endCursor");
        }
        assertEquals(expected, seen);
    }

    @Test
    void firstOverTheLimitAndUnpagedListsOverTheLimitAreLimitExceeded() {
        assertTrue(error("LIMIT_EXCEEDED", "{ departments(first: 1001) { id } }").contains("1000"));
        error("LIMIT_EXCEEDED", "{ departmentPage(first: 5000) { items { id } } }");
        error("VALIDATION", "{ departments(first: -1) { id } }");

        long big = departmentWith(1001);
        String message = error("LIMIT_EXCEEDED", "query($d: ID!) { department(id: $d) { employees { id } } }", "d", big);
        assertTrue(message.contains("first and after"), message);
        JsonPath paged = ok("query($d: ID!) { department(id: $d) { employees(first: 1000) { id } } }", "d", big);
        assertEquals(1000, paged.getList("data.department.employees").size());
    }

    @Test
    void theResolverEngineRefusesARelationWithTwoSetsOfArgumentsRatherThanMixThemUp() {
        // the default path compiles such a request (compiler.RelationWithDifferentArgumentsTest); the resolver's batches cannot
        long d = departmentWith(4);
        JsonPath r = JsonPath.from(io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .header("X-Relgraph-Engine", "resolver")
                .body(Map.of("query", "query($d: ID!) { department(id: $d) { a: employees(first: 1) { id } b: employees(first: 3) { id } } }",
                        "variables", Map.of("d", d)))
                .when().post("/graphql").then().statusCode(200).extract().asString());
        // each alias fails on its own, both with the same explanation
        assertEquals(List.of("VALIDATION", "VALIDATION"), r.getList("errors.extensions.code"));
        assertTrue(r.getString("errors[0].message").contains("one set of arguments"), r.prettify());
        assertNull(r.get("data.department"));
    }

    @Test
    void aForeignCursorIsAValidationError() {
        error("VALIDATION", "{ departmentPage(after: \"not-a-cursor\") { items { id } } }");
        departmentWith(1); // so that the first page has a cursor
        String cursor = ok("{ departmentPage(first: 1) { endCursor } }").getString("data.departmentPage.endCursor");
        error("VALIDATION", "query($c: String) { departmentPage(after: $c, orderBy: NAME_ASC) { items { id } } }", "c", cursor);
    }

    @Test
    void anEmptyPageHasNoCursorAndNoNextPage() {
        JsonPath r = ok("{ userPage(name: \"nobody at all\") { items { id } endCursor hasNextPage totalCount } }");
        assertEquals(List.of(), r.getList("data.userPage.items"));
        assertNull(r.get("data.userPage.endCursor"));
        assertFalse(r.getBoolean("data.userPage.hasNextPage"));
        assertEquals(0, r.getInt("data.userPage.totalCount"));
        Map<String, Object> none = ok("{ employeePage(name: \"nobody at all\") { totalCount } }").getMap("data.employeePage");
        assertEquals(0, none.get("totalCount"));
    }
}

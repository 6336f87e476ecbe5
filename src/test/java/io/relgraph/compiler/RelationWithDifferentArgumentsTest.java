package io.relgraph.compiler;

import static io.relgraph.GraphQL.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A relation used more than once in a request with different arguments (two aliases with different
 * {@code first}, or the same relation at different depths) is answered by the compiler, each
 * occurrence from its own subquery. The resolver engine's batch loaders cannot (one argument set per
 * batch) and refuse such a request with VALIDATION; the expected answers here are read from the
 * tables with plain SQL.
 */
@QuarkusTest
class RelationWithDifferentArgumentsTest {

    private static final String ENGINE = "X-Relgraph-Engine";

    private record Answer(String engine, JsonPath json, String body) {
    }

    private static Answer post(String query, Map<String, Object> variables, boolean resolver) {
        var request = given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables));
        if (resolver) {
            request = request.header(ENGINE, "resolver");
        }
        var response = request.when().post("/graphql").then().statusCode(200).extract();
        return new Answer(response.header(ENGINE), JsonPath.from(response.asString()), response.asString());
    }

    /** Three employees linked to one department, the first part-time; the others in two more departments each. */
    private static long[] world() {
        String name = unique("Args");
        long d = insert("insert into department (name) values (?) returning id", name);
        long d2 = insert("insert into department (name) values (?) returning id", name + "-2");
        long d3 = insert("insert into department (name) values (?) returning id", name + "-3");
        long[] e = new long[3];
        for (int i = 0; i < 3; i++) {
            e[i] = insert("insert into employee (name) values (?) returning id", name + "-e" + i);
            Database.update("insert into department_employee_link (department_id, employee_id, extra_data) values (?, ?, ?)", d, e[i],
                    i == 0 ? "part-time" : null);
            if (i > 0) {
                Database.update("insert into department_employee_link (department_id, employee_id) values (?, ?), (?, ?)", d2, e[i], d3, e[i]);
            }
        }
        return new long[] { d, d2, d3, e[0], e[1], e[2] };
    }

    private static long insert(String sql, Object... params) {
        return ((Number) Database.value(sql, params)).longValue();
    }

    private static List<String> column(String sql, Object... params) {
        List<String> out = new ArrayList<>();
        Database.rows(sql, params).forEach(row -> {
            Object v = row.values().iterator().next();
            out.add(v == null ? null : v.toString());
        });
        return out;
    }

    @Test
    void twoAliasesOfOneRelationWithDifferentFirstAreEachAnswered() {
        long[] w = world();
        String query = "query($d: ID!) { department(id: $d) { all: employeeLinks { extraData } one: employeeLinks(first: 1) { extraData } } }";
        Answer a = post(query, Map.of("d", String.valueOf(w[0])), false);
        assertEquals("compiled", a.engine(), a.body());
        assertNull(a.json().get("errors"), a.body());
        List<String> links = column("select extra_data from department_employee_link where department_id = ? order by employee_id", w[0]);
        assertEquals(3, links.size());
        assertEquals(links, a.json().getList("data.department.all.extraData"));
        assertEquals(links.subList(0, 1), a.json().getList("data.department.one.extraData"));
        assertEquals("part-time", a.json().getString("data.department.one[0].extraData"));

        // aliases with different after: each page starts where its own argument says
        String pages = "query($d: ID!, $a: ID) { department(id: $d) { p1: employees(first: 2) { id } p2: employees(first: 2, after: $a) { id } } }";
        Answer b = post(pages, Map.of("d", String.valueOf(w[0]), "a", String.valueOf(w[3])), false);
        assertEquals("compiled", b.engine(), b.body());
        assertEquals(List.of(String.valueOf(w[3]), String.valueOf(w[4])), b.json().getList("data.department.p1.id"));
        assertEquals(List.of(String.valueOf(w[4]), String.valueOf(w[5])), b.json().getList("data.department.p2.id"));

        // the resolver engine's batch loaders cannot tell the two apart: it refuses rather than mix them up
        Answer resolver = post(query, Map.of("d", String.valueOf(w[0])), true);
        assertEquals("resolver", resolver.engine());
        assertEquals("VALIDATION", resolver.json().getString("errors[0].extensions.code"), resolver.body());
    }

    @Test
    void oneRelationAtDifferentDepthsWithDifferentArgumentsIsAnswered() {
        long[] w = world();
        String query = "query($e: ID!) { employee(id: $e) { departments(first: 1) { employees(first: 2) { departments(first: 3) { name } } } } }";
        // the second employee: in three departments; the first of them holds all three employees
        Answer a = post(query, Map.of("e", String.valueOf(w[4])), false);
        assertEquals("compiled", a.engine(), a.body());
        assertNull(a.json().get("errors"), a.body());
        List<Map<String, Object>> departments = a.json().getList("data.employee.departments");
        assertEquals(1, departments.size());
        List<String> firstDepartment = column("select department_id from department_employee_link where employee_id = ? order by department_id limit 1",
                w[4]);
        assertEquals(String.valueOf(w[0]), firstDepartment.get(0));
        List<String> twoEmployees = column("select employee_id from department_employee_link where department_id = ? order by employee_id limit 2",
                w[0]);
        List<List<String>> expected = new ArrayList<>();
        for (String e : twoEmployees) {
            expected.add(column("select d.name from department_employee_link l join department d on d.id = l.department_id"
                    + " where l.employee_id = ? order by l.department_id limit 3", Long.valueOf(e)));
        }
        assertEquals(expected, a.json().getList("data.employee.departments[0].employees.departments.name"));
        assertEquals(1, expected.get(0).size());
        assertEquals(3, expected.get(1).size());

        Answer resolver = post(query, Map.of("e", String.valueOf(w[4])), true);
        assertEquals("VALIDATION", resolver.json().getString("errors[0].extensions.code"), resolver.body());
        assertTrue(resolver.json().getString("errors[0].message").contains("different arguments"), resolver.body());
    }

    @Test
    void eachUseIsASubqueryOfTheOneStatement() {
        Database.requirePgStatStatements();
        long[] w = world();
        for (String query : List.of(
                "query($d: ID!) { department(id: $d) { all: employeeLinks { extraData } one: employeeLinks(first: 1) { extraData employee {"
                        + " a: departments(first: 1) { id } b: departments(first: 3) { name } } } } }",
                "query($d: ID!) { department(id: $d) { employees(first: 1) { departments(first: 2) { employees(first: 3) { departments { name } } } } } }")) {
            Map<String, Object> v = Map.of("d", String.valueOf(w[0]));
            post(query, v, false); // warm up: prepared statement, plan cache
            Database.resetStatementCounts();
            Answer a = post(query, v, false);
            assertEquals("compiled", a.engine(), a.body());
            assertNull(a.json().get("errors"), a.body());
            assertEquals(1L, Database.applicationStatements(), query);
        }
    }
}

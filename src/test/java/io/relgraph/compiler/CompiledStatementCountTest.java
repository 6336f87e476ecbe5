package io.relgraph.compiler;

import static io.relgraph.GraphQL.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A compiled read costs exactly one SQL statement, whatever its depth (1 to 5 levels) and however
 * many rows each level holds. Counted by PostgreSQL itself (pg_stat_statements); the resolver path
 * keeps its own count in StatementCountTest.
 */
@QuarkusTest
class CompiledStatementCountTest {

    /** Reads of depth 1 to 5 below one department, each level a relation of another kind. */
    private static final List<String> BY_DEPTH = List.of(
            "query($d: ID!) { department(id: $d) { name } }",
            "query($d: ID!) { department(id: $d) { employees(first: 50) { name } } }",
            "query($d: ID!) { department(id: $d) { employeeLinks(first: 50) { extraData employee { name } } } }",
            "query($d: ID!) { department(id: $d) { employeeLinks(first: 50) { employee { departments(first: 5) { name } } } } }",
            "query($d: ID!) { department(id: $d) { employeeLinks(first: 50) { employee { departments(first: 5) { head { name headOf { id } } } } } } }");

    @BeforeEach
    void requirePgStatStatements() {
        Database.requirePgStatStatements();
    }

    @Test
    void aCompiledReadIsOneStatementAtEveryDepthAndSize() {
        for (int employees : new int[] { 2, 40 }) {
            long d = world(employees);
            for (int depth = 1; depth <= BY_DEPTH.size(); depth++) {
                String query = BY_DEPTH.get(depth - 1);
                post(query, d); // warm up: prepared statement, plan cache
                Database.resetStatementCounts();
                JsonPath r = post(query, d);
                assertEquals(1L, Database.applicationStatements(), "depth " + depth + ", " + employees + " employees");
                if (depth >= 3) {
                    assertEquals(employees, r.getList("data.department.employeeLinks").size());
                }
            }
        }
    }

    /** Runs a read that must be compiled and succeed. */
    private static JsonPath post(String query, long department) {
        var response = given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", Map.of("d", department)))
                .when().post("/graphql").then().statusCode(200).extract();
        assertEquals("compiled", response.header("X-Relgraph-Engine"), response.asString());
        return JsonPath.from(response.asString());
    }

    /** Statements the application ran: not this test's reset and count, nor the JDBC driver's connection set-up. */
    /** A department with a head and {@code employees} linked employees, each also in a second department. */
    private static long world(int employees) {
        String name = unique("Count");
        Database.update("insert into employee (name) select ? from generate_series(1, ?)", name, employees);
        Database.update("insert into department (name) select ? || '-' || g from generate_series(1, 2) g", name);
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data)"
                + " select d.id, e.id, 'part-time' from department d, employee e where d.name like ? || '-%' and e.name = ?", name, name);
        Database.update("update department set head_id = (select min(id) from employee where name = ?) where name = ? || '-1'", name, name);
        return ((Number) Database.value("select id from department where name = ? || '-1'", name)).longValue();
    }
}

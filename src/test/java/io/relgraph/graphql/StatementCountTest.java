package io.relgraph.graphql;

import static io.restassured.RestAssured.given;
import static io.relgraph.GraphQL.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The number of SQL statements a request costs depends on the depth of the query, never on how many
 * rows a level returns: one per relation level plus one for the root. Counted by PostgreSQL itself
 * (pg_stat_statements), at two very different data sizes. These count the resolver engine (asked for
 * with {@code X-Relgraph-Engine: resolver}); a compiled read is one statement (CompiledStatementCountTest).
 */
@QuarkusTest
class StatementCountTest {

    /** Root employees, then four relation levels: departments, employeeLinks, employee, headOf. */
    private static final String DEEP = """
            query($n: String!) {
              employees(name: $n, first: 50) {
                name
                departments(first: 50) { name employeeLinks(first: 5) { extraData employee { name headOf { name } } } }
              }
            }""";
    private static final int RELATION_LEVELS = 4;

    @BeforeEach
    void requirePgStatStatements() {
        Database.requirePgStatStatements();
    }

    @Test
    void statementsPerRequestAreTheSameForTwoAndForTwoThousandRows() {

        String small = world(2, 3);
        String large = world(20, 30);
        resolved(DEEP, "n", small); // warm up: prepared statements, class loading

        long smallCount = statements(small, 3 * 2 * 3);
        long largeCount = statements(large, 30 * 20 * 5);
        assertEquals(smallCount, largeCount, "statements must not grow with the rows");
        assertTrue(largeCount <= RELATION_LEVELS + 1, "at most one statement per relation level plus the root, got " + largeCount);
    }

    @Test
    void aLinksEmployeeAskedForBelowTheLinksIsJoinedNotQueriedAgain() {
        String name = world(1, 4);
        long d = ((Number) Database.value("select id from department where name = ? || '-1'", name)).longValue();
        String query = "query($d: ID!) { department(id: $d) { employeeLinks { extraData employee { id name } } } }";
        resolved(query, "d", d);

        Database.resetStatementCounts();
        JsonPath r = resolved(query, "d", d);
        long statements = Database.applicationStatements();
        assertEquals(Database.rows("select e.id::text as id, e.name from department_employee_link l join employee e on e.id = l.employee_id"
                + " where l.department_id = ? order by e.id", d).stream().map(row -> row.get("id")).toList(),
                r.getList("data.department.employeeLinks.employee.id"));
        assertEquals(2L, statements, "the department, then the links joined with their employees");
    }

    /** Statements the application ran: not this test's reset and count, nor the JDBC driver's connection set-up. */
    /** Runs the deep query and returns how many statements PostgreSQL executed for it. */
    private static long statements(String employeeName, int expectedLinkRows) {
        Database.resetStatementCounts();
        JsonPath r = resolved(DEEP, "n", employeeName);
        int links = r.getList("data.employees.departments.employeeLinks.flatten()").size();
        assertEquals(expectedLinkRows, links);
        return Database.applicationStatements();
    }

    /**
     * {@code departments} departments, each linking the same {@code employees} employees (all named
     * alike, so the root query finds them), the first employee heading the first department.
     */
    private static String world(int departments, int employees) {
        String name = unique("Count");
        Database.update("insert into employee (name) select ? from generate_series(1, ?)", name, employees);
        Database.update("insert into department (name) select ? || '-' || g from generate_series(1, ?) g", name, departments);
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data)"
                + " select d.id, e.id, 'part-time' from department d, employee e where d.name like ? || '-%' and e.name = ?", name, name);
        Database.update("update department set head_id = (select min(id) from employee where name = ?)"
                + " where id = (select min(id) from department where name like ? || '-%')", name, name);
        return name;
    }

    /** Runs a read on the resolver engine; it must succeed. */
    private static JsonPath resolved(String query, Object... variables) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        var response = given().contentType(ContentType.JSON).header("X-Relgraph-Engine", "resolver")
                .body(Map.of("query", query, "variables", vars)).when().post("/graphql").then().statusCode(200).extract();
        assertEquals("resolver", response.header("X-Relgraph-Engine"));
        JsonPath r = JsonPath.from(response.asString());
        assertNull(r.get("errors"), response.asString());
        return r;
    }
}

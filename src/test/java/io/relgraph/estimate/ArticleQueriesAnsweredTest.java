package io.relgraph.estimate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.Database;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The article's queries, without a single first, are answered on the article's data: the row
 * estimate counts each list as long as the longest such list the database holds (two links per
 * department, two per employee, one John), not the page limit at every level. Both are compiled
 * into one statement, and each answer is what the database holds, read here by SQL.
 */
@QuarkusTest
@TestProfile(ArticleData.class)
class ArticleQueriesAnsweredTest {

    static final String JOHN = "{ employees(name: \"John\") { name departments { name } departmentLinks { extraData department { name } } } }";
    static final String ROUND_TRIP = "{ department(id: 1) { employeeLinks { employee { departmentLinks { department { employeeLinks"
            + " { employee { name } } } } } } } }";

    @BeforeEach
    void measured() {
        MeasuredSizes.awaitCurrent();
    }

    /** Posts the query; the answer must be a 200 without errors. */
    static Map<String, Object> answered(String query) {
        Response response = given().contentType(ContentType.JSON).body(Map.of("query", query)).post("/graphql");
        assertEquals(200, response.statusCode());
        JsonPath json = JsonPath.from(response.asString());
        assertNull(json.get("errors"), response.asString());
        assertEquals("compiled", response.header("X-Relgraph-Engine"), "answered by one compiled statement");
        return json.getMap("data");
    }

    @Test
    void johnWithHisDepartmentsAndLinksIsAnswered() {
        long links = Database.count("select count(*) from department_employee_link");
        Map<String, Object> data = answered(JOHN);

        List<Map<String, Object>> expected = new ArrayList<>();
        for (Map<String, Object> john : Database.rows("select id, name from employee where name = 'John' order by id")) {
            long id = ((Number) john.get("id")).longValue();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", john.get("name"));
            List<Object> departments = new ArrayList<>();
            List<Object> departmentLinks = new ArrayList<>();
            for (Map<String, Object> l : Database.rows("select d.name, l.extra_data from department_employee_link l"
                    + " join department d on d.id = l.department_id where l.employee_id = ? order by d.id", id)) {
                departments.add(Map.of("name", l.get("name")));
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("extraData", l.get("extra_data"));
                link.put("department", Map.of("name", l.get("name")));
                departmentLinks.add(link);
            }
            e.put("departments", departments);
            e.put("departmentLinks", departmentLinks);
            expected.add(e);
        }
        assertEquals(1, expected.size(), "the article has one John");
        assertEquals(2, ((List<?>) expected.get(0).get("departments")).size(), "in IT and HR");
        assertEquals(Map.of("employees", expected), data);
        assertEquals(links, Database.count("select count(*) from department_employee_link"), "a read changes nothing");
    }

    @Test
    void theRoundTripFromADepartmentBackToItsEmployeesIsAnswered() {
        Map<String, Object> data = answered(ROUND_TRIP);
        Map<String, Object> department = Map.of("employeeLinks", employeeLinksOf(1, 2));
        assertEquals(Map.of("department", department), data);
        assertTrue(((List<?>) department.get("employeeLinks")).size() >= 2, "IT has John and Bill");
    }

    /** A department's employee links as the round trip selects them, {@code levels} links deep (read by SQL). */
    private static List<Object> employeeLinksOf(long department, int levels) {
        List<Object> links = new ArrayList<>();
        for (Map<String, Object> l : Database.rows("select e.id, e.name from department_employee_link l join employee e"
                + " on e.id = l.employee_id where l.department_id = ? order by e.id", department)) {
            long employee = ((Number) l.get("id")).longValue();
            Map<String, Object> e = levels == 1 ? Map.of("name", l.get("name"))
                    : Map.of("departmentLinks", departmentLinksOf(employee, levels - 1));
            links.add(Map.of("employee", e));
        }
        return links;
    }

    private static List<Object> departmentLinksOf(long employee, int levels) {
        List<Object> links = new ArrayList<>();
        for (Map<String, Object> l : Database.rows("select department_id from department_employee_link where employee_id = ?"
                + " order by department_id", employee)) {
            long department = ((Number) l.get("department_id")).longValue();
            links.add(Map.of("department", Map.of("employeeLinks", employeeLinksOf(department, levels))));
        }
        return links;
    }
}

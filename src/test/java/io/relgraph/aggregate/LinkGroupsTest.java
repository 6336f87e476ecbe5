package io.relgraph.aggregate;

import static io.relgraph.GraphQL.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Groups of links: one LinkGroup per distinct key (fields not grouped by are null), by count
 * descending, then by the keys with nulls last, at the root and per department or employee.
 * Expected groups are computed with plain SQL GROUP BY.
 */
@QuarkusTest
class LinkGroupsTest {

    private static String p;
    private static long sales;

    @BeforeAll
    static void world() {
        p = unique("Grp");
        List<Long> e = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            e.add(insert("insert into employee (name) values (?) returning id", p + "-e" + i));
        }
        sales = insert("insert into department (name) values (?) returning id", p + "-Sales");
        long it = insert("insert into department (name) values (?) returning id", p + "-IT");
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data) values (?, ?, 'part-time'),"
                + " (?, ?, 'part-time'), (?, ?, null), (?, ?, null), (?, ?, 'full-time'), (?, ?, 'part-time'), (?, ?, null)",
                sales, e.get(0), sales, e.get(1), sales, e.get(2), sales, e.get(3), sales, e.get(4), it, e.get(0), it, e.get(1));
    }

    private static long insert(String sql, Object... params) {
        return ((Number) Database.value(sql, params)).longValue();
    }

    private static JsonPath ok(String query, Object... variables) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        var response = given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", vars)).post("/graphql").then()
                .statusCode(200).extract();
        JsonPath json = JsonPath.from(response.asString());
        assertNull(json.get("errors"), response.asString());
        assertEquals("compiled", response.header("X-Relgraph-Engine"));
        return json;
    }

    private static List<String> rows(String sql, Object... params) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : Database.rows(sql, params)) {
            out.add(r.values().toString());
        }
        return out;
    }

    @Test
    void aDepartmentsLinksGroupedByExtraData() {
        JsonPath json = ok("query($id: ID!) { department(id: $id) { employeeLinkGroups(by: [EXTRA_DATA]) { extraData count department { id }"
                + " employee { id } } } }", "id", String.valueOf(sales));
        List<Map<String, Object>> groups = json.getList("data.department.employeeLinkGroups");
        List<String> answer = new ArrayList<>();
        for (Map<String, Object> g : groups) {
            answer.add(List.of(String.valueOf(g.get("extraData")), String.valueOf(g.get("count"))).toString());
            assertNull(g.get("department"));
            assertNull(g.get("employee"));
        }
        assertEquals(rows("select coalesce(extra_data, 'null'), count(*) from department_employee_link where department_id = ?"
                + " group by extra_data order by count(*) desc, extra_data nulls last", sales), answer);
        assertEquals(3, groups.size());
        assertEquals("part-time", groups.get(0).get("extraData")); // 2 part-time and 2 null: the key decides, nulls last
        assertNull(groups.get(1).get("extraData"));
    }

    @Test
    void rootGroupsByDepartmentAndExtraDataUnderAWhere() {
        JsonPath json = ok("query($p: String!) { linkGroups(by: [DEPARTMENT, EXTRA_DATA], where: {department: {name: {startsWith: $p}}})"
                + " { department { name } extraData count } }", "p", p);
        List<Map<String, Object>> groups = json.getList("data.linkGroups");
        List<String> answer = new ArrayList<>();
        for (Map<String, Object> g : groups) {
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) g.get("department");
            answer.add(List.of(String.valueOf(d.get("name")), String.valueOf(g.get("extraData")), String.valueOf(g.get("count"))).toString());
        }
        assertEquals(rows("select d.name, coalesce(l.extra_data, 'null'), count(*) from department_employee_link l join department d"
                + " on d.id = l.department_id where d.name like ? group by l.department_id, d.name, l.extra_data"
                + " order by count(*) desc, l.department_id, l.extra_data nulls last", p + "%"), answer);
        // first: only the largest groups
        assertEquals(1, ok("query($p: String!) { linkGroups(by: [EXTRA_DATA], first: 1, where: {department: {name: {startsWith: $p}}})"
                + " { count } }", "p", p).getList("data.linkGroups").size());
    }

    @Test
    void anEmployeesLinksGroupedByDepartment() {
        long e0 = ((Number) Database.value("select id from employee where name = ?", p + "-e0")).longValue();
        JsonPath json = ok("query($id: ID!) { employee(id: $id) { departmentLinkGroups(by: [DEPARTMENT]) { department { id } count } } }",
                "id", String.valueOf(e0));
        assertEquals(rows("select department_id::text, count(*) from department_employee_link where employee_id = ? group by department_id"
                + " order by count(*) desc, department_id", e0).stream().toList(),
                json.<Map<String, Object>>getList("data.employee.departmentLinkGroups").stream()
                        .map(g -> List.of(((Map<?, ?>) g.get("department")).get("id"), g.get("count")).toString()).toList());
    }
}

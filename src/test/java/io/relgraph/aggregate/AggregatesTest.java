package io.relgraph.aggregate;

import static io.relgraph.GraphQL.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Aggregates at the root and per parent: count, distinct extraData, min and max, under a where;
 * over no rows count is 0 and min/max fields are null; aliases with different where are each
 * answered. Expected values are computed with plain SQL.
 */
@QuarkusTest
class AggregatesTest {

    private static String p;
    private static long sales;
    private static long empty;
    private static long john;

    @BeforeAll
    static void world() {
        p = unique("Agg");
        OffsetDateTime t = OffsetDateTime.parse("2021-03-04T05:06:07.5Z");
        john = insert("insert into employee (name, hired_on) values (?, ?) returning id", p + "-John", t);
        long ann = insert("insert into employee (name, hired_on) values (?, ?) returning id", p + "-Ann", t.plusDays(3));
        long zoe = insert("insert into employee (name, hired_on) values (?, ?) returning id", p + "-Zoe", t.minusDays(3));
        sales = insert("insert into department (name) values (?) returning id", p + "-Sales");
        long it = insert("insert into department (name) values (?) returning id", p + "-IT");
        empty = insert("insert into department (name) values (?) returning id", p + "-Empty");
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data) values (?, ?, 'part-time'),"
                + " (?, ?, 'part-time'), (?, ?, null), (?, ?, 'full-time')", sales, john, sales, ann, sales, zoe, it, john);
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

    @Test
    void rootAggregatesCountMinAndMaxUnderAWhere() {
        JsonPath json = ok("query($p: String!) { employeesAggregate(where: {name: {startsWith: $p}}) { count min { name hiredOn }"
                + " max { name hiredOn } } }", "p", p);
        Map<String, Object> row = Database.rows("select count(*) as c, min(name) as lo, max(name) as hi from employee where name like ?",
                p + "%").get(0);
        assertEquals(((Number) row.get("c")).intValue(), json.getInt("data.employeesAggregate.count"));
        assertEquals(3, json.getInt("data.employeesAggregate.count"));
        assertEquals(row.get("lo"), json.getString("data.employeesAggregate.min.name"));
        assertEquals(row.get("hi"), json.getString("data.employeesAggregate.max.name"));
        assertEquals("2021-03-01T05:06:07.5Z", json.getString("data.employeesAggregate.min.hiredOn"));
        assertEquals("2021-03-07T05:06:07.5Z", json.getString("data.employeesAggregate.max.hiredOn"));

        JsonPath links = ok("query($p: String!) { linksAggregate(where: {department: {name: {startsWith: $p}}}) { count distinctExtraData"
                + " min { extraData } max { extraData } } }", "p", p);
        Map<String, Object> l = Database.rows("select count(*) as c, count(distinct extra_data) as dx, min(extra_data) as lo,"
                + " max(extra_data) as hi from department_employee_link l join department d on d.id = l.department_id where d.name like ?",
                p + "%").get(0);
        assertEquals(((Number) l.get("c")).intValue(), links.getInt("data.linksAggregate.count"));
        assertEquals(((Number) l.get("dx")).intValue(), links.getInt("data.linksAggregate.distinctExtraData"));
        assertEquals(2, links.getInt("data.linksAggregate.distinctExtraData"));
        assertEquals(l.get("lo"), links.getString("data.linksAggregate.min.extraData"));
        assertEquals(l.get("hi"), links.getString("data.linksAggregate.max.extraData"));
    }

    @Test
    void overNoRowsCountIsZeroAndMinMaxAreNull() {
        JsonPath json = ok("query($p: String!) { departmentsAggregate(where: {name: {eq: $p}}) { count min { name } max { name } } }", "p",
                p + "-nothing");
        assertEquals(0, json.getInt("data.departmentsAggregate.count"));
        assertNull(json.get("data.departmentsAggregate.min.name"));
        assertNull(json.get("data.departmentsAggregate.max.name"));
        JsonPath e = ok("query($id: ID!) { department(id: $id) { employeesAggregate { count max { hiredOn } } employeeLinksAggregate {"
                + " count distinctExtraData } } }", "id", String.valueOf(empty));
        assertEquals(0, e.getInt("data.department.employeesAggregate.count"));
        assertNull(e.get("data.department.employeesAggregate.max.hiredOn"));
        assertEquals(0, e.getInt("data.department.employeeLinksAggregate.distinctExtraData"));
    }

    @Test
    void perParentAggregatesWithAliasesOfDifferentWhere() {
        JsonPath json = ok("query($p: String!) { departments(where: {name: {startsWith: $p}}) { name all: employeesAggregate { count }"
                + " partTime: employeeLinksAggregate(where: {extraData: {eq: \"part-time\"}}) { count }"
                + " rest: employeeLinksAggregate(where: {not: {extraData: {eq: \"part-time\"}}}) { count } } }", "p", p);
        var departments = Database.rows("select d.id, d.name, (select count(*) from department_employee_link l where l.department_id = d.id)"
                + " as c, (select count(*) from department_employee_link l where l.department_id = d.id and l.extra_data = 'part-time') as pt"
                + " from department d where d.name like ? order by d.id", p + "%");
        assertEquals(departments.size(), json.getList("data.departments").size());
        for (int i = 0; i < departments.size(); i++) {
            long c = ((Number) departments.get(i).get("c")).longValue();
            long pt = ((Number) departments.get(i).get("pt")).longValue();
            assertEquals(c, json.getLong("data.departments[" + i + "].all.count"));
            assertEquals(pt, json.getLong("data.departments[" + i + "].partTime.count"));
            assertEquals(c - pt, json.getLong("data.departments[" + i + "].rest.count"));
        }
        JsonPath employee = ok("query($id: ID!) { employee(id: $id) { departmentsAggregate { count min { name } }"
                + " departmentLinksAggregate(where: {extraData: {isNull: false}}) { count } } }", "id", String.valueOf(john));
        assertEquals(Database.count("select count(*) from department_employee_link where employee_id = ?", john),
                employee.getLong("data.employee.departmentsAggregate.count"));
        assertEquals(p + "-IT", employee.getString("data.employee.departmentsAggregate.min.name"));
        assertEquals(2, employee.getInt("data.employee.departmentLinksAggregate.count"));
    }

    @Test
    void usersPostsAndAddressesAreCounted() {
        long user = insert("insert into users (name) values (?) returning id", p + "-user");
        Database.update("insert into post (owner_id, title) values (?, 'a'), (?, null)", user, user);
        JsonPath json = ok("query($id: ID!, $p: String!) { user(id: $id) { postsAggregate(where: {title: {isNull: true}}) { count }"
                + " addressesAggregate { count } } usersAggregate(where: {name: {eq: $p}}) { count } }", "id", String.valueOf(user), "p",
                p + "-user");
        assertEquals(Database.count("select count(*) from post where owner_id = ? and title is null", user),
                json.getLong("data.user.postsAggregate.count"));
        assertEquals(0, json.getInt("data.user.addressesAggregate.count"));
        assertEquals(1, json.getInt("data.usersAggregate.count"));
    }
}

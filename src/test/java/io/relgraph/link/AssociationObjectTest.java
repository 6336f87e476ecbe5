package io.relgraph.link;

import static io.relgraph.GraphQL.ok;
import static io.relgraph.GraphQL.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.path.json.JsonPath;

/**
 * The article's association object: John works part-time in IT, found from every side; the plain
 * many-to-many append (IT.employees.append(Bill)) still works and gives a link without extra data.
 */
@QuarkusTest
class AssociationObjectTest {

    record Setup(String it, long itId, String john, long johnId) {
    }

    static Setup itWithJohnPartTime() {
        String it = unique("IT");
        String john = unique("John");
        long itId = Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", it)
                .getString("data.createDepartment.id"));
        long johnId = Long.parseLong(ok("mutation($n: String!) { createEmployee(name: $n) { id } }", "n", john)
                .getString("data.createEmployee.id"));
        JsonPath link = ok("""
                mutation($d: ID!, $e: ID!) {
                  linkEmployee(departmentId: $d, employeeId: $e, extraData: "part-time") {
                    extraData department { id name } employee { id name }
                  }
                }""", "d", itId, "e", johnId);
        assertEquals("part-time", link.getString("data.linkEmployee.extraData"));
        assertEquals(it, link.getString("data.linkEmployee.department.name"));
        assertEquals(john, link.getString("data.linkEmployee.employee.name"));
        return new Setup(it, itId, john, johnId);
    }

    @Test
    void linkingJohnToItPartTimeStoresOneLinkRow() {
        Setup s = itWithJohnPartTime();
        List<Map<String, Object>> rows = Database.rows(
                "select department_id, employee_id, extra_data from department_employee_link where department_id = ?", s.itId());
        assertEquals(1, rows.size());
        assertEquals(s.johnId(), ((Number) rows.get(0).get("employee_id")).longValue());
        assertEquals("part-time", rows.get(0).get("extra_data"));
    }

    @Test
    void johnIsFoundThroughTheItDepartment() {
        Setup s = itWithJohnPartTime();
        JsonPath r = ok("""
                query($n: String!) {
                  departmentByName(name: $n) {
                    id
                    employees { id name }
                    employeeLinks { extraData employee { name } department { name } }
                  }
                }""", "n", s.it());
        assertEquals(List.of(s.john()), r.getList("data.departmentByName.employees.name"));
        assertEquals(List.of("part-time"), r.getList("data.departmentByName.employeeLinks.extraData"));
        assertEquals(List.of(s.john()), r.getList("data.departmentByName.employeeLinks.employee.name"));
        assertEquals(List.of(s.it()), r.getList("data.departmentByName.employeeLinks.department.name"));
        assertEquals(1L, Database.count("select count(*) from department_employee_link where department_id = ?", s.itId()));
    }

    @Test
    void johnIsFoundThroughTheLinkModelByExtraData() {
        Setup s = itWithJohnPartTime();
        JsonPath r = ok("""
                query($d: ID!) {
                  links(departmentId: $d, extraData: "part-time") { extraData employee { id name } department { name } }
                }""", "d", s.itId());
        assertEquals(List.of(s.john()), r.getList("data.links.employee.name"));
        // the same link is found from the employee's side, and all part-time links include it
        JsonPath all = ok("{ links(extraData: \"part-time\") { employee { id } } }");
        List<String> ids = all.getList("data.links.employee.id");
        assertEquals(true, ids.contains(Long.toString(s.johnId())));
        assertEquals(Database.count("select count(*) from department_employee_link where extra_data = 'part-time'"), ids.size());
    }

    @Test
    void johnIsFoundByNameWithHisDepartments() {
        Setup s = itWithJohnPartTime();
        JsonPath r = ok("""
                query($n: String!) {
                  employees(name: $n, first: 10) { id name departments { name } departmentLinks { extraData department { name } } }
                }""", "n", s.john());
        assertEquals(List.of(Long.toString(s.johnId())), r.getList("data.employees.id"));
        assertEquals(List.of(s.it()), r.getList("data.employees[0].departments.name"));
        assertEquals("part-time", r.getString("data.employees[0].departmentLinks[0].extraData"));
        assertEquals(s.it(), r.getString("data.employees[0].departmentLinks[0].department.name"));
    }

    @Test
    void appendingBillThroughThePlainListGivesItTwoEmployeesAndBillALinkWithoutExtraData() {
        Setup s = itWithJohnPartTime();
        JsonPath bill = ok("""
                mutation($d: ID!) {
                  addEmployeeToDepartment(departmentId: $d, name: "Bill") { id name departments { id } }
                }""", "d", s.itId());
        long billId = Long.parseLong(bill.getString("data.addEmployeeToDepartment.id"));
        assertEquals(List.of(Long.toString(s.itId())), bill.getList("data.addEmployeeToDepartment.departments.id"));

        JsonPath it = ok("""
                query($d: ID!) {
                  department(id: $d) { employees { name } employeeLinks { extraData employee { name } } }
                }""", "d", s.itId());
        assertEquals(List.of(s.john(), "Bill"), it.getList("data.department.employees.name"));
        List<Map<String, Object>> links = it.getList("data.department.employeeLinks");
        assertEquals(2, links.size());
        assertEquals("part-time", links.get(0).get("extraData"));
        assertNull(links.get(1).get("extraData"));

        assertEquals(2L, Database.count("select count(*) from department_employee_link where department_id = ?", s.itId()));
        assertNull(Database.value("select extra_data from department_employee_link where department_id = ? and employee_id = ?",
                s.itId(), billId));
        assertEquals("Bill", Database.value("select name from employee where id = ?", billId));
    }

    @Test
    void updatingAndRemovingALinkKeepsBothEnds() {
        Setup s = itWithJohnPartTime();
        JsonPath upd = ok("""
                mutation($d: ID!, $e: ID!) { updateLink(departmentId: $d, employeeId: $e, extraData: "full-time") { extraData } }""",
                "d", s.itId(), "e", s.johnId());
        assertEquals("full-time", upd.getString("data.updateLink.extraData"));
        assertEquals("full-time", Database.value(
                "select extra_data from department_employee_link where department_id = ? and employee_id = ?", s.itId(), s.johnId()));

        assertEquals(true, ok("mutation($d: ID!, $e: ID!) { unlinkEmployee(departmentId: $d, employeeId: $e) }",
                "d", s.itId(), "e", s.johnId()).getBoolean("data.unlinkEmployee"));
        assertEquals(0L, Database.count("select count(*) from department_employee_link where department_id = ?", s.itId()));
        assertEquals(1L, Database.count("select count(*) from employee where id = ?", s.johnId()));
        assertEquals(1L, Database.count("select count(*) from department where id = ?", s.itId()));
    }

    @Test
    void linkEndsAreRightWhetherJoinedAheadOrLoadedAfter() {
        Setup s = itWithJohnPartTime();
        ok("mutation($d: ID!) { addEmployeeToDepartment(departmentId: $d, name: \"Bill\") { id } }", "d", s.itId());
        // a: links without their employee, b: with it; one batch serves both, the ends must still be right
        JsonPath r = ok("""
                query($d: ID!) {
                  department(id: $d) { a: employeeLinks { extraData } b: employeeLinks { extraData employee { name } department { name } } }
                  employee: employees(name: "Bill", first: 1000) { departmentLinks(first: 5) { department { name } employee { name } } }
                }""", "d", s.itId());
        assertEquals(List.of(s.john(), "Bill"), r.getList("data.department.b.employee.name"));
        assertEquals(List.of(s.it(), s.it()), r.getList("data.department.b.department.name"));
        assertEquals(java.util.Arrays.asList("part-time", null), r.getList("data.department.a.extraData"));
        List<Object> billsDepartments = r.getList("data.employee.departmentLinks.department.name").stream()
                .flatMap(o -> ((List<?>) o).stream()).map(Object.class::cast).toList();
        assertEquals(true, billsDepartments.contains(s.it()));
    }
}

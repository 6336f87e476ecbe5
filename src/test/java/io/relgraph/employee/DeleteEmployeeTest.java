package io.relgraph.employee;

import static io.relgraph.GraphQL.error;
import static io.relgraph.GraphQL.ok;
import static io.relgraph.GraphQL.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;

/** Deleting an employee removes their links and clears their headship; the departments stay. */
@QuarkusTest
class DeleteEmployeeTest {

    @Test
    void deletingAnEmployeeRemovesLinksAndClearsHeadship() {
        long it = Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", unique("IT")).getString("data.createDepartment.id"));
        long hr = Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", unique("HR")).getString("data.createDepartment.id"));
        long john = Long.parseLong(ok("mutation { createEmployee(name: \"John\") { id } }").getString("data.createEmployee.id"));
        long mary = Long.parseLong(ok("mutation($d: ID!) { addEmployeeToDepartment(departmentId: $d, name: \"Mary\") { id } }", "d", it)
                .getString("data.addEmployeeToDepartment.id"));
        ok("mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e, extraData: \"part-time\") { extraData } }", "d", it, "e", john);
        ok("mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e) { extraData } }", "d", hr, "e", john);
        ok("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { id } }", "d", hr, "e", john);

        assertEquals(true, ok("mutation($e: ID!) { deleteEmployee(id: $e) }", "e", john).getBoolean("data.deleteEmployee"));

        assertEquals(0L, Database.count("select count(*) from department_employee_link where employee_id = ?", john));
        assertNull(Database.value("select head_id from department where id = ?", hr));
        assertEquals(2L, Database.count("select count(*) from department where id in (?, ?)", it, hr));
        assertNull(ok("query($e: ID!) { employee(id: $e) { id } }", "e", john).get("data.employee"));
        assertEquals(List.of("Mary"), ok("query($d: ID!) { department(id: $d) { employees { name } } }", "d", it)
                .getList("data.department.employees.name"));
        assertNull(ok("query($d: ID!) { department(id: $d) { head { id } } }", "d", hr).get("data.department.head"));
        assertEquals(1L, Database.count("select count(*) from employee where id = ?", mary));
    }

    @Test
    void deletingAnUnknownEmployeeIsNotFound() {
        error("NOT_FOUND", "mutation { deleteEmployee(id: 987654321) }");
    }
}

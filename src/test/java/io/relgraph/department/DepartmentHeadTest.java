package io.relgraph.department;

import static io.relgraph.GraphQL.error;
import static io.relgraph.GraphQL.ok;
import static io.relgraph.GraphQL.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.path.json.JsonPath;

/** One-to-one: a department has at most one head, an employee heads at most one department. */
@QuarkusTest
class DepartmentHeadTest {

    static long department(String name) {
        return Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name).getString("data.createDepartment.id"));
    }

    static long employee(String name) {
        return Long.parseLong(ok("mutation($n: String!) { createEmployee(name: $n) { id } }", "n", name).getString("data.createEmployee.id"));
    }

    @Test
    void theHeadIsSeenFromBothEnds() {
        String it = unique("IT");
        long itId = department(it);
        long johnId = employee("John");
        JsonPath r = ok("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { head { id name headOf { name } } } }",
                "d", itId, "e", johnId);
        assertEquals(Long.toString(johnId), r.getString("data.setDepartmentHead.head.id"));
        assertEquals(it, r.getString("data.setDepartmentHead.head.headOf.name"));

        JsonPath john = ok("query($e: ID!) { employee(id: $e) { headOf { id name head { name } } } }", "e", johnId);
        assertEquals(Long.toString(itId), john.getString("data.employee.headOf.id"));
        assertEquals("John", john.getString("data.employee.headOf.head.name"));
        assertEquals(johnId, ((Number) Database.value("select head_id from department where id = ?", itId)).longValue());
    }

    @Test
    void aSecondHeadshipForTheSameEmployeeIsAConflictAndChangesNothing() {
        long itId = department(unique("IT"));
        long hrId = department(unique("HR"));
        long johnId = employee("John");
        ok("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { id } }", "d", itId, "e", johnId);

        String message = error("CONFLICT", "mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { id } }",
                "d", hrId, "e", johnId);
        assertTrue(message.contains("already heads"), message);
        assertNull(Database.value("select head_id from department where id = ?", hrId));
        assertEquals(johnId, ((Number) Database.value("select head_id from department where id = ?", itId)).longValue());
    }

    @Test
    void aNewHeadReplacesTheOldOneAndNullClearsIt() {
        long itId = department(unique("IT"));
        long john = employee("John");
        long mary = employee("Mary");
        ok("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { id } }", "d", itId, "e", john);
        JsonPath r = ok("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { head { name } } }",
                "d", itId, "e", mary);
        assertEquals("Mary", r.getString("data.setDepartmentHead.head.name"));
        assertNull(ok("query($e: ID!) { employee(id: $e) { headOf { id } } }", "e", john).get("data.employee.headOf"));

        JsonPath cleared = ok("mutation($d: ID!) { setDepartmentHead(departmentId: $d, employeeId: null) { head { name } } }", "d", itId);
        assertNull(cleared.get("data.setDepartmentHead.head"));
        assertNull(Database.value("select head_id from department where id = ?", itId));
    }

    @Test
    void unknownDepartmentOrEmployeeIsNotFound() {
        long itId = department(unique("IT"));
        error("NOT_FOUND", "mutation { setDepartmentHead(departmentId: 999999999, employeeId: null) { id } }");
        error("NOT_FOUND", "mutation($d: ID!) { setDepartmentHead(departmentId: $d, employeeId: 999999999) { id } }", "d", itId);
        assertNull(Database.value("select head_id from department where id = ?", itId));
    }
}

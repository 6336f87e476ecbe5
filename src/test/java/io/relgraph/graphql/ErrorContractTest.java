package io.relgraph.graphql;

import static io.relgraph.GraphQL.error;
import static io.relgraph.GraphQL.ok;
import static io.relgraph.GraphQL.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;

/**
 * Bad input gets the contract's codes with a human message, over HTTP 200 and without a stack trace
 * (the helper checks both), and a failed mutation leaves the database as it was.
 */
@QuarkusTest
class ErrorContractTest {

    @Test
    void emptyOrOverLongNamesAreValidationErrorsAndStoreNothing() {
        long before = Database.count("select count(*) from department");
        assertTrue(error("VALIDATION", "mutation { createDepartment(name: \"\") { id } }").contains("name"));
        assertTrue(error("VALIDATION", "mutation { createDepartment(name: \"   \") { id } }").contains("empty"));
        assertTrue(error("VALIDATION", "mutation($n: String!) { createDepartment(name: $n) { id } }", "n", "x".repeat(257))
                .contains("256"));
        error("VALIDATION", "mutation { createEmployee(name: \"\") { id } }");
        error("VALIDATION", "mutation { createUser(name: \"\") { id } }");
        assertEquals(before, Database.count("select count(*) from department"));
    }

    @Test
    void nonPositiveIdsAreValidationErrors() {
        assertTrue(error("VALIDATION", "{ department(id: 0) { id } }").contains("positive"));
        error("VALIDATION", "{ employee(id: -5) { id } }");
        error("VALIDATION", "mutation { linkEmployee(departmentId: -1, employeeId: 1) { extraData } }");
    }

    @Test
    void aDuplicateDepartmentNameIsAConflictAndChangesNothing() {
        String name = unique("Sales");
        long id = Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name).getString("data.createDepartment.id"));
        assertTrue(error("CONFLICT", "mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name).contains("already exists"));
        assertEquals(1L, Database.count("select count(*) from department where name = ?", name));

        String other = unique("Ops");
        ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", other);
        error("CONFLICT", "mutation($id: ID!, $n: String!) { renameDepartment(id: $id, name: $n) { id } }", "id", id, "n", other);
        assertEquals(name, Database.value("select name from department where id = ?", id));
    }

    @Test
    void aSecondLinkOfTheSamePairIsAConflictAndKeepsTheFirst() {
        long d = Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", unique("IT")).getString("data.createDepartment.id"));
        long e = Long.parseLong(ok("mutation { createEmployee(name: \"John\") { id } }").getString("data.createEmployee.id"));
        ok("mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e, extraData: \"part-time\") { extraData } }", "d", d, "e", e);
        error("CONFLICT", "mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e, extraData: \"full-time\") { extraData } }",
                "d", d, "e", e);
        assertEquals("part-time", Database.value("select extra_data from department_employee_link where department_id = ? and employee_id = ?", d, e));
    }

    @Test
    void unknownIdsInMutationsAreNotFoundAndChangeNothing() {
        long d = Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", unique("IT")).getString("data.createDepartment.id"));
        long employeesBefore = Database.count("select count(*) from employee");
        // addEmployeeToDepartment must not leave the new employee behind when the department is missing
        error("NOT_FOUND", "mutation { addEmployeeToDepartment(departmentId: 987654321, name: \"Ghost\") { id } }");
        assertEquals(employeesBefore, Database.count("select count(*) from employee"));

        error("NOT_FOUND", "mutation($d: ID!) { linkEmployee(departmentId: $d, employeeId: 987654321) { extraData } }", "d", d);
        error("NOT_FOUND", "mutation($d: ID!) { updateLink(departmentId: $d, employeeId: 987654321, extraData: \"x\") { extraData } }", "d", d);
        error("NOT_FOUND", "mutation($d: ID!) { unlinkEmployee(departmentId: $d, employeeId: 987654321) }", "d", d);
        error("NOT_FOUND", "mutation { renameDepartment(id: 987654321, name: \"x\") { id } }");
        error("NOT_FOUND", "mutation { deleteDepartment(id: 987654321) }");
        error("NOT_FOUND", "mutation { createPost(ownerId: 987654321, title: \"t\") { id } }");
        error("NOT_FOUND", "mutation { createAddress(userId: 987654321, address: \"a\") { id } }");
        error("NOT_FOUND", "mutation { setPostOwner(postId: 987654321, ownerId: null) { id } }");
        assertEquals(0L, Database.count("select count(*) from department_employee_link where department_id = ?", d));
        assertEquals(0L, Database.count("select count(*) from address where user_id = 987654321"));
    }

    @Test
    void unknownIdsInQueriesAreNull() {
        var r = ok("{ department(id: 987654321) { id } employee(id: 987654321) { id } user(id: 987654321) { id }"
                + " post(id: 987654321) { id } address(id: 987654321) { id } departmentByName(name: \"no such department\") { id } }");
        java.util.Map<String, Object> data = r.getMap("data");
        assertEquals(6, data.size());
        data.forEach((field, value) -> assertEquals(null, (Object) value, field));
    }

    @Test
    void documentsThatDoNotValidateAreValidationErrors() {
        assertTrue(error("VALIDATION", "{ noSuchField }").contains("noSuchField"));
        error("VALIDATION", "{ department(id: \"abc\") { id } }");
        error("VALIDATION", "query($id: ID!) { department(id: $id) { id } }", "id", java.util.Map.of("not", "an id"));
        error("VALIDATION", "{ department { id } }");
    }

    @Test
    void queriesDeeperThanTheLimitAreLimitExceeded() {
        // department, then employees/departments alternating: 20 levels, over the default 15
        String deep = "id";
        for (int i = 0; i < 19; i++) {
            deep = (i % 2 == 0 ? "employees" : "departments") + " { " + deep + " }";
        }
        error("LIMIT_EXCEEDED", "{ department(id: 1) { " + deep + " } }");
    }

    @Test
    void errorsCarryNoClassNames() {
        String body = io.relgraph.GraphQL.run("mutation { createDepartment(name: \"\") { id } }").prettify();
        assertFalse(body.contains("io.relgraph"), body);
        assertFalse(body.contains("\"exception\""), body);
    }
}

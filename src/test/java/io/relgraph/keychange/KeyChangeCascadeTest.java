package io.relgraph.keychange;

import static io.relgraph.GraphQL.error;
import static io.relgraph.GraphQL.ok;
import static io.relgraph.GraphQL.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.path.json.JsonPath;

/** Primary keys change and the referencing rows follow, reported by relation and strategy. */
@QuarkusTest
class KeyChangeCascadeTest {

    /** A key no row has and no later create will get: drawn from the table's own identity sequence. */
    static long freshKey(String table) {
        return ((Number) Database.value("select nextval(pg_get_serial_sequence(?, 'id'))", table)).longValue();
    }

    static long create(String mutation, String field, Object... vars) {
        return Long.parseLong(ok(mutation, vars).getString("data." + field + ".id"));
    }

    static Map<String, Object> entry(JsonPath r, String path, String relation) {
        List<Map<String, Object>> cascaded = r.getList(path);
        return cascaded.stream().filter(c -> relation.equals(c.get("relation"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + relation + " in " + cascaded));
    }

    @Test
    void changingADepartmentIdMovesItsLinksInTheDatabase() {
        String it = unique("IT");
        long d = create("mutation($n: String!) { createDepartment(name: $n) { id } }", "createDepartment", "n", it);
        long john = create("mutation($d: ID!) { addEmployeeToDepartment(departmentId: $d, name: \"John\") { id } }", "addEmployeeToDepartment", "d", d);
        create("mutation($d: ID!) { addEmployeeToDepartment(departmentId: $d, name: \"Bill\") { id } }", "addEmployeeToDepartment", "d", d);
        ok("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { id } }", "d", d, "e", john);
        long newId = freshKey("department");

        JsonPath r = ok("""
                mutation($id: ID!, $newId: ID!) {
                  changeDepartmentId(id: $id, newId: $newId) {
                    department { id name employees(first: 10) { name departments(first: 10) { id } } employeeLinks { department { id } } head { headOf { id } } }
                    cascaded { relation rows strategy }
                  }
                }""", "id", d, "newId", newId);
        String nid = Long.toString(newId);
        assertEquals(nid, r.getString("data.changeDepartmentId.department.id"));
        assertEquals(it, r.getString("data.changeDepartmentId.department.name"));
        assertEquals(List.of("John", "Bill"), r.getList("data.changeDepartmentId.department.employees.name"));
        assertEquals(List.of(List.of(nid), List.of(nid)), r.getList("data.changeDepartmentId.department.employees.departments.id"));
        assertEquals(List.of(nid, nid), r.getList("data.changeDepartmentId.department.employeeLinks.department.id"));
        assertEquals(nid, r.getString("data.changeDepartmentId.department.head.headOf.id"));
        Map<String, Object> links = entry(r, "data.changeDepartmentId.cascaded", "department_employee_link.department_id");
        assertEquals(2, links.get("rows"));
        assertEquals("DATABASE", links.get("strategy"));

        assertEquals(0L, Database.count("select count(*) from department where id = ?", d));
        assertEquals(2L, Database.count("select count(*) from department_employee_link where department_id = ?", newId));
        assertEquals(0L, Database.count("select count(*) from department_employee_link where department_id = ?", d));
        // John's side: his departments and headOf point at the new id
        JsonPath johnView = ok("query($e: ID!) { employee(id: $e) { departments { id } headOf { id } departmentLinks { department { id } } } }", "e", john);
        assertEquals(List.of(nid), johnView.getList("data.employee.departments.id"));
        assertEquals(nid, johnView.getString("data.employee.headOf.id"));
    }

    @Test
    void changingAnEmployeeIdMovesLinksAndHeadship() {
        long d = create("mutation($n: String!) { createDepartment(name: $n) { id } }", "createDepartment", "n", unique("IT"));
        long john = create("mutation($d: ID!) { addEmployeeToDepartment(departmentId: $d, name: \"John\") { id } }", "addEmployeeToDepartment", "d", d);
        ok("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { id } }", "d", d, "e", john);
        long newId = freshKey("employee");

        JsonPath r = ok("""
                mutation($id: ID!, $newId: ID!) {
                  changeEmployeeId(id: $id, newId: $newId) { employee { id headOf { head { id } } departments(first: 10) { employees(first: 10) { id } } } cascaded { relation rows strategy } }
                }""", "id", john, "newId", newId);
        String nid = Long.toString(newId);
        assertEquals(nid, r.getString("data.changeEmployeeId.employee.id"));
        assertEquals(nid, r.getString("data.changeEmployeeId.employee.headOf.head.id"));
        assertEquals(List.of(List.of(nid)), r.getList("data.changeEmployeeId.employee.departments.employees.id"));
        assertEquals(1, entry(r, "data.changeEmployeeId.cascaded", "department_employee_link.employee_id").get("rows"));
        assertEquals(1, entry(r, "data.changeEmployeeId.cascaded", "department.head_id").get("rows"));
        assertEquals(newId, ((Number) Database.value("select head_id from department where id = ?", d)).longValue());
        assertEquals(1L, Database.count("select count(*) from department_employee_link where employee_id = ?", newId));
    }

    @Test
    void changingAUserIdMovesPostsInTheDatabaseAndAddressesInTheApplication() {
        String name = unique("john");
        long u = create("mutation($n: String!) { createUser(name: $n) { id } }", "createUser", "n", name);
        create("mutation($u: ID) { createPost(ownerId: $u, title: \"p1\") { id } }", "createPost", "u", u);
        create("mutation($u: ID) { createPost(ownerId: $u, title: \"p2\") { id } }", "createPost", "u", u);
        create("mutation($u: ID!) { createAddress(userId: $u, address: \"home\") { id } }", "createAddress", "u", u);
        create("mutation($u: ID!) { createAddress(userId: $u, address: \"office\") { id } }", "createAddress", "u", u);
        // an address written behind the API's back: never loaded by anything, it must move all the same
        Database.update("insert into address (user_id, address) values (?, 'cellar')", u);
        long newId = freshKey("users");

        JsonPath r = ok("""
                mutation($id: ID!, $newId: ID!) {
                  changeUserId(id: $id, newId: $newId) { user { id name posts { owner { id } } addresses { address user { id } } } cascaded { relation rows strategy } }
                }""", "id", u, "newId", newId);
        String nid = Long.toString(newId);
        assertEquals(nid, r.getString("data.changeUserId.user.id"));
        assertEquals(List.of(nid, nid), r.getList("data.changeUserId.user.posts.owner.id"));
        assertEquals(List.of("home", "office", "cellar"), r.getList("data.changeUserId.user.addresses.address"));
        Map<String, Object> posts = entry(r, "data.changeUserId.cascaded", "post.owner_id");
        Map<String, Object> addresses = entry(r, "data.changeUserId.cascaded", "address.user_id");
        assertEquals(2, posts.get("rows"));
        assertEquals("DATABASE", posts.get("strategy"));
        assertEquals(3, addresses.get("rows"));
        assertEquals("APPLICATION", addresses.get("strategy"));

        assertEquals(3L, Database.count("select count(*) from address where user_id = ?", newId));
        assertEquals(0L, Database.count("select count(*) from address where user_id = ?", u));
        assertEquals(2L, Database.count("select count(*) from post where owner_id = ?", newId));
        assertEquals(0L, Database.count("select count(*) from address a where not exists (select 1 from users u where u.id = a.user_id) and a.user_id is not null"));
    }

    @Test
    void aDryRunReportsTheSameCountsAndChangesNothing() {
        long u = create("mutation($n: String!) { createUser(name: $n) { id } }", "createUser", "n", unique("dry"));
        create("mutation($u: ID) { createPost(ownerId: $u, title: \"p1\") { id } }", "createPost", "u", u);
        Database.update("insert into address (user_id, address) values (?, 'never loaded')", u);
        Database.update("insert into address (user_id, address) values (?, 'never loaded either')", u);
        long newId = freshKey("users");

        JsonPath dry = ok("""
                mutation($id: ID!, $newId: ID!) { changeUserId(id: $id, newId: $newId, dryRun: true) { user { id } cascaded { relation rows strategy } } }""",
                "id", u, "newId", newId);
        assertEquals(Long.toString(u), dry.getString("data.changeUserId.user.id"));
        assertEquals(1, entry(dry, "data.changeUserId.cascaded", "post.owner_id").get("rows"));
        assertEquals(2, entry(dry, "data.changeUserId.cascaded", "address.user_id").get("rows"));
        assertEquals(1L, Database.count("select count(*) from users where id = ?", u));
        assertEquals(0L, Database.count("select count(*) from users where id = ?", newId));
        assertEquals(2L, Database.count("select count(*) from address where user_id = ?", u));

        JsonPath real = ok("""
                mutation($id: ID!, $newId: ID!) { changeUserId(id: $id, newId: $newId) { cascaded { relation rows strategy } } }""",
                "id", u, "newId", newId);
        assertEquals(dry.getList("data.changeUserId.cascaded"), real.getList("data.changeUserId.cascaded"));
    }

    @Test
    void errorsChangeNothing() {
        long a = create("mutation($n: String!) { createUser(name: $n) { id } }", "createUser", "n", unique("a"));
        long b = create("mutation($n: String!) { createUser(name: $n) { id } }", "createUser", "n", unique("b"));
        create("mutation($u: ID!) { createAddress(userId: $u, address: \"x\") { id } }", "createAddress", "u", a);

        error("NOT_FOUND", "mutation { changeUserId(id: 987654321, newId: 987654322) { user { id } } }");
        assertTrue(error("KEY_CONFLICT", "mutation($id: ID!, $n: ID!) { changeUserId(id: $id, newId: $n) { user { id } } }", "id", a, "n", b)
                .contains("already exists"));
        error("VALIDATION", "mutation($id: ID!) { changeUserId(id: $id, newId: $id) { user { id } } }", "id", a);
        error("VALIDATION", "mutation($id: ID!) { changeUserId(id: $id, newId: 0) { user { id } } }", "id", a);
        error("VALIDATION", "mutation($id: ID!) { changeDepartmentId(id: $id, newId: -3) { department { id } } }", "id", a);
        error("NOT_FOUND", "mutation { changeEmployeeId(id: 987654321, newId: 987654329) { employee { id } } }");

        assertEquals(1L, Database.count("select count(*) from users where id = ?", a));
        assertEquals(1L, Database.count("select count(*) from users where id = ?", b));
        assertEquals(1L, Database.count("select count(*) from address where user_id = ?", a));
    }

    @Test
    void aLaterCreateNeverCollidesWithATakenKey() {
        long u = create("mutation($n: String!) { createUser(name: $n) { id } }", "createUser", "n", unique("seq"));
        // the next id the sequence would hand out, taken by a key change
        long next = u + 1;
        ok("mutation($id: ID!, $n: ID!) { changeUserId(id: $id, newId: $n) { user { id } } }", "id", u, "n", next + 5);
        long created = create("mutation($n: String!) { createUser(name: $n) { id } }", "createUser", "n", unique("after"));
        assertTrue(created > next + 5, "created " + created + " must be above the taken key " + (next + 5));
    }
}

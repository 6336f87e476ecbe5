package io.relgraph.mutation;

import static io.relgraph.GraphQL.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.auth.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * A mutation of one field runs without the per-field engine: the write is its service's, and the
 * payload is read back by the compiler in one statement whatever its depth (or, for the row's own
 * columns, not read at all). Both paths of the pipeline answer alike: each scenario runs the same
 * mutation through the resolver engine ({@code X-Relgraph-Engine: resolver}) and compares, and checks
 * the database afterwards.
 */
@QuarkusTest
class MutationPayloadsTest {

    private static final String UPDATE_LINK = "mutation($d: ID!, $e: ID!, $x: String) { updateLink(departmentId: $d, employeeId: $e, extraData: $x) %s }";
    private static final String RENAME = "mutation($id: ID!, $name: String!) { renameDepartment(id: $id, name: $name) %s }";

    /** Payloads of depth 0 (the row's own columns) to 4 below a link, each level a relation of another kind. */
    private static final List<String> LINK_PAYLOADS = List.of(
            "{ extraData __typename }",
            "{ extraData department { name } }",
            "{ extraData department { name employeeLinks(first: 50) { extraData } } }",
            "{ department { employees(first: 50) { name departmentLinks(first: 5) { extraData } } } }",
            "{ employee { departments(first: 5) { head { name headOf { id } } employeeLinks(first: 3) { employee { name } } } } }");

    @Test
    void aPayloadOfAnyDepthIsOneStatementAfterTheWrite() {
        Database.requirePgStatStatements();
        World w = world(30);
        String text = unique("Stmt");
        // the write alone: the row's own columns come from the write's own statement
        post(UPDATE_LINK.formatted(LINK_PAYLOADS.get(0)), false, "d", w.department, "e", w.employees.get(0), "x", "warm");
        Database.resetStatementCounts();
        JsonPath own = post(UPDATE_LINK.formatted(LINK_PAYLOADS.get(0)), false, "d", w.department, "e", w.employees.get(0), "x", text);
        // every mutation also reads its commit position once, after its commit (X-Relgraph-Lsn): named and taken out here
        assertEquals(1L, Database.commitPositionReads(), "the commit position, read once (pipelined behind the write)");
        long write = Database.applicationStatements() - Database.commitPositionReads();
        assertEquals(text, own.getString("data.updateLink.extraData"));
        assertEquals(1L, write, "updateLink with its own columns is its UPDATE ... RETURNING alone");
        for (int depth = 1; depth < LINK_PAYLOADS.size(); depth++) {
            String mutation = UPDATE_LINK.formatted(LINK_PAYLOADS.get(depth));
            post(mutation, false, "d", w.department, "e", w.employees.get(0), "x", "warm"); // prepared statements, plans
            Database.resetStatementCounts();
            String value = text + "-" + depth;
            post(mutation, false, "d", w.department, "e", w.employees.get(0), "x", value);
            // the write and the payload's one read, in one transaction (BEGIN and COMMIT aside), then the commit position
            assertEquals(1L, Database.commitPositionReads(), "payload of depth " + depth + ": the commit position, once");
            assertEquals(write + 1, Database.applicationStatementsBesidesTransactionControl() - Database.commitPositionReads(),
                    "payload of depth " + depth + ": " + mutation);
            assertEquals(value, Database.value("select extra_data from department_employee_link where department_id = ? and employee_id = ?",
                    w.department, w.employees.get(0)));
        }
        // a Panache write (its own statements), then one for a deep payload
        String name = unique("Renamed");
        post(RENAME.formatted("{ id name }"), false, "id", w.department, "name", name + "-a");
        Database.resetStatementCounts();
        post(RENAME.formatted("{ id name }"), false, "id", w.department, "name", name + "-b");
        assertEquals(1L, Database.commitPositionReads(), "the commit position, once");
        long rename = Database.applicationStatements() - Database.commitPositionReads();
        post(RENAME.formatted("{ name head { name } employeeLinks(first: 50) { employee { name } } }"), false, "id", w.department, "name",
                name + "-c");
        Database.resetStatementCounts();
        JsonPath deep = post(RENAME.formatted("{ name head { name } employeeLinks(first: 50) { employee { name } } }"), false, "id",
                w.department, "name", name + "-d");
        assertEquals(1L, Database.commitPositionReads(), "the commit position, once");
        assertEquals(rename + 1, Database.applicationStatements() - Database.commitPositionReads());
        assertEquals(name + "-d", deep.getString("data.renameDepartment.name"));
        assertEquals(30, deep.getList("data.renameDepartment.employeeLinks").size());
        assertEquals(name + "-d", Database.value("select name from department where id = ?", w.department));
    }

    @Test
    void thePayloadSeesItsOwnWrite() {
        World w = world(3);
        long newcomer = ((Number) Database.value("insert into employee (name) values (?) returning id", unique("New"))).longValue();
        JsonPath r = post("mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e, extraData: \"fresh\") {"
                + " extraData department { employeeLinks(first: 10) { extraData employee { id } } } employee { departments(first: 5) { id } } } }",
                false, "d", w.department, "e", newcomer);
        List<Map<String, Object>> links = r.getList("data.linkEmployee.department.employeeLinks");
        assertEquals(4, links.size());
        assertEquals(Map.of("extraData", "fresh", "employee", Map.of("id", String.valueOf(newcomer))), links.get(3));
        assertEquals(List.of(Map.of("id", String.valueOf(w.department))), r.getList("data.linkEmployee.employee.departments"));
        assertEquals(1L, Database.count("select count(*) from department_employee_link where department_id = ? and employee_id = ? and extra_data = 'fresh'",
                w.department, newcomer));
    }

    @Test
    void aPayloadThatFailsRollsItsWriteBack() {
        // a department whose employee list is longer than the page limit: the payload's unpaged list trips the
        // statement's own guard after the write, in the write's transaction
        String name = unique("Crowded");
        long department = ((Number) Database.value("insert into department (name) values (?) returning id", name)).longValue();
        Database.update("insert into employee (name) select ? || '-' || g from generate_series(1, 1001) g", name);
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data)"
                + " select ?, id, null from employee where name like ? || '-%'", department, name);
        long employee = ((Number) Database.value("select min(id) from employee where name like ? || '-%'", name)).longValue();
        for (Object[] f : List.of(
                new Object[] { RENAME.formatted("{ name employees { name } }"), "id", department, "name", name + "-renamed" },
                new Object[] { UPDATE_LINK.formatted("{ extraData department { employeeLinks { extraData } } }"), "d", department, "e",
                        employee, "x", "changed" })) {
            ExtractableResponse<Response> r = send((String) f[0], false, java.util.Arrays.copyOfRange(f, 1, f.length));
            assertEquals("compiled", r.header("X-Relgraph-Engine"), r.asString());
            JsonPath json = JsonPath.from(r.asString());
            assertEquals("LIMIT_EXCEEDED", json.getString("errors[0].extensions.code"), r.asString());
            assertNull(json.get("data"), r.asString());
        }
        assertEquals(name, Database.value("select name from department where id = ?", department));
        assertEquals(0L, Database.count("select count(*) from department_employee_link where department_id = ? and extra_data is not null",
                department));
    }

    /** Generated payloads over idempotent writes: the compiled payload equals the resolver's, byte for byte once parsed. */
    @Test
    void bothPathsAnswerGeneratedPayloadsAlike() {
        World w = world(6);
        long seed = Long.getLong("relgraph.mutation.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 60; i++) {
            String selection = PayloadGenerator.selection(random, "DepartmentEmployeeLink", 3);
            String mutation = UPDATE_LINK.formatted(selection);
            Object[] vars = { "d", w.department, "e", w.employees.get(random.nextInt(w.employees.size())), "x", random.nextBoolean() ? "same" : null };
            ExtractableResponse<Response> mine = send(mutation, false, vars);
            ExtractableResponse<Response> theirs = send(mutation, true, vars);
            assertEquals("compiled", mine.header("X-Relgraph-Engine"), mine.asString());
            assertEquals("resolver", theirs.header("X-Relgraph-Engine"), theirs.asString());
            assertEquals(JsonPath.from(theirs.asString()).getMap(""), JsonPath.from(mine.asString()).getMap(""),
                    "seed " + seed + ", request " + i + ": " + mutation);
        }
        for (int i = 0; i < 40; i++) {
            String selection = PayloadGenerator.selection(random, "Department", 3);
            String mutation = "mutation($id: ID!, $e: ID) { setDepartmentHead(departmentId: $id, employeeId: $e) " + selection + " }";
            Object[] vars = { "id", w.department, "e", random.nextInt(4) == 0 ? null : w.employees.get(random.nextInt(w.employees.size())) };
            ExtractableResponse<Response> mine = send(mutation, false, vars);
            ExtractableResponse<Response> theirs = send(mutation, true, vars);
            assertEquals("compiled", mine.header("X-Relgraph-Engine"), mine.asString());
            assertEquals(JsonPath.from(theirs.asString()).getMap(""), JsonPath.from(mine.asString()).getMap(""),
                    "seed " + seed + ", request " + i + ": " + mutation);
            Object head = Database.value("select head_id from department where id = ?", w.department);
            assertEquals(vars[3], head == null ? null : ((Number) head).longValue());
        }
    }

    @Test
    void aFailedMutationIsTheFieldsErrorAsTheResolverWordsItAndWritesNothing() {
        World w = world(2);
        long links = Database.count("select count(*) from department_employee_link");
        String taken = (String) Database.value("select name from department where id = ?", w.department);
        List<Object[]> failing = List.of(
                new Object[] { "mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e) { extraData } }",
                        "d", w.department, "e", w.employees.get(0) }, // CONFLICT: linked already
                new Object[] { "mutation($d: ID!) { updateLink(departmentId: $d, employeeId: 999999999, extraData: \"x\") { department { name } } }",
                        "d", w.department }, // NOT_FOUND
                new Object[] { "mutation($n: String!) { createDepartment(name: $n) { id } }", "n", taken }, // CONFLICT: name taken
                new Object[] { "mutation { renameDepartment(id: 0, name: \"x\") { id } }" }, // VALIDATION: not a positive id
                new Object[] { "mutation { createDepartment(name: \"   \") { id employees { name } } }" }); // VALIDATION: blank
        for (Object[] f : failing) {
            Object[] vars = java.util.Arrays.copyOfRange(f, 1, f.length);
            ExtractableResponse<Response> mine = send((String) f[0], false, vars);
            ExtractableResponse<Response> theirs = send((String) f[0], true, vars);
            assertEquals("compiled", mine.header("X-Relgraph-Engine"), mine.asString());
            JsonPath m = JsonPath.from(mine.asString());
            JsonPath t = JsonPath.from(theirs.asString());
            assertNull(m.get("data"), mine.asString());
            assertEquals(t.getMap(""), m.getMap(""), (String) f[0]);
            assertNotNull(m.getString("errors[0].extensions.code"));
        }
        assertEquals(links, Database.count("select count(*) from department_employee_link"));
        assertEquals(taken, Database.value("select name from department where id = ?", w.department));
    }

    @Test
    void whatItDoesNotRunGoesToTheResolverBeforeAnythingIsWritten() {
        World w = world(1);
        String a = unique("Two");
        // two root fields: the resolver runs them one after the other, as the specification says
        ExtractableResponse<Response> two = send("mutation($a: String!, $b: String!) { x: createDepartment(name: $a) { id } y: createDepartment(name: $b) { id } }",
                false, "a", a + "-x", "b", a + "-y");
        assertEquals("resolver", two.header("X-Relgraph-Engine"), two.asString());
        assertEquals(2L, Database.count("select count(*) from department where name like ? || '-%'", a));
        // a key change: its payload is not a row
        ExtractableResponse<Response> key = send("mutation($id: ID!) { changeDepartmentId(id: $id, newId: $id, dryRun: true) { __typename } }",
                false, "id", w.department);
        assertEquals("resolver", key.header("X-Relgraph-Engine"), key.asString());
    }

    // ---------------------------------------------------------------------------------------------

    private record World(long department, List<Long> employees) {
    }

    /** A department with {@code n} linked employees (the first its head), each also linked to a second department. */
    private static World world(int n) {
        String name = unique("Payload");
        Database.update("insert into employee (name) select ? || '-' || g from generate_series(1, ?) g", name, n);
        Database.update("insert into department (name) select ? || '-' || g from generate_series(1, 2) g", name);
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data)"
                + " select d.id, e.id, 'part-time' from department d, employee e where d.name like ? || '-%' and e.name like ? || '-%'", name,
                name);
        Database.update("update department set head_id = (select min(id) from employee where name like ? || '-%') where name = ? || '-1'", name,
                name);
        long department = ((Number) Database.value("select id from department where name = ? || '-1'", name)).longValue();
        List<Long> employees = new ArrayList<>();
        for (Map<String, Object> row : Database.rows("select id from employee where name like ? || '-%' order by id", name)) {
            employees.add(((Number) row.get("id")).longValue());
        }
        return new World(department, employees);
    }

    private static JsonPath post(String mutation, boolean resolver, Object... variables) {
        ExtractableResponse<Response> r = send(mutation, resolver, variables);
        assertEquals(resolver ? "resolver" : "compiled", r.header("X-Relgraph-Engine"), r.asString());
        JsonPath json = JsonPath.from(r.asString());
        assertNull(json.get("errors"), r.asString());
        return json;
    }

    private static ExtractableResponse<Response> send(String mutation, boolean resolver, Object... variables) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        var request = given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(TestTokens.admin()));
        if (resolver) {
            request = request.header("X-Relgraph-Engine", "resolver");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", mutation);
        body.put("variables", vars);
        return request.body(body).when().post("/graphql").then().statusCode(200).extract();
    }
}

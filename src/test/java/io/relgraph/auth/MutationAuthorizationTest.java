package io.relgraph.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;

/**
 * Every Mutation field, over HTTP: refused without a token, with an expired one, one signed by another
 * key, one from another issuer (all UNAUTHORIZED, the message saying which) and with a role below the
 * one it needs (FORBIDDEN), the database unchanged after each refusal; then run with the role it needs,
 * and its change is in the database.
 */
@QuarkusTest
class MutationAuthorizationTest {

    /** One mutation, ready to run: its document, variables, and the check that it was applied. */
    record Attempt(String document, Object[] variables, Runnable applied) {
    }

    record Scenario(Role needs, Supplier<Attempt> prepare) {
    }

    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        writer("createDepartment", () -> {
            String name = GraphQL.unique("AuthDept");
            return attempt("mutation($n: String!) { createDepartment(name: $n) { id } }", new Object[] { "n", name },
                    () -> assertEquals(1L, Database.count("select count(*) from department where name = ?", name)));
        });
        writer("renameDepartment", () -> {
            long id = department();
            String name = GraphQL.unique("Renamed");
            return attempt("mutation($id: ID!, $n: String!) { renameDepartment(id: $id, name: $n) { id } }",
                    new Object[] { "id", id, "n", name },
                    () -> assertEquals(name, Database.value("select name from department where id = ?", id)));
        });
        writer("setDepartmentHead", () -> {
            long d = department();
            long e = employee();
            return attempt("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { id } }",
                    new Object[] { "d", d, "e", e },
                    () -> assertEquals(e, ((Number) Database.value("select head_id from department where id = ?", d)).longValue()));
        });
        writer("createEmployee", () -> {
            String name = GraphQL.unique("AuthEmp");
            return attempt("mutation($n: String!) { createEmployee(name: $n) { id } }", new Object[] { "n", name },
                    () -> assertEquals(1L, Database.count("select count(*) from employee where name = ?", name)));
        });
        writer("addEmployeeToDepartment", () -> {
            long d = department();
            String name = GraphQL.unique("Appended");
            return attempt("mutation($d: ID!, $n: String!) { addEmployeeToDepartment(departmentId: $d, name: $n) { id } }",
                    new Object[] { "d", d, "n", name },
                    () -> assertEquals(1L, Database.count("select count(*) from department_employee_link l join employee e "
                            + "on e.id = l.employee_id where l.department_id = ? and e.name = ?", d, name)));
        });
        writer("linkEmployee", () -> {
            long d = department();
            long e = employee();
            return attempt("mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e, extraData: \"x\") { extraData } }",
                    new Object[] { "d", d, "e", e },
                    () -> assertEquals(1L, link(d, e)));
        });
        writer("updateLink", () -> {
            long[] l = linked();
            return attempt("mutation($d: ID!, $e: ID!) { updateLink(departmentId: $d, employeeId: $e, extraData: \"updated\") { extraData } }",
                    new Object[] { "d", l[0], "e", l[1] },
                    () -> assertEquals("updated", Database.value(
                            "select extra_data from department_employee_link where department_id = ? and employee_id = ?", l[0], l[1])));
        });
        writer("unlinkEmployee", () -> {
            long[] l = linked();
            return attempt("mutation($d: ID!, $e: ID!) { unlinkEmployee(departmentId: $d, employeeId: $e) }",
                    new Object[] { "d", l[0], "e", l[1] },
                    () -> assertEquals(0L, link(l[0], l[1])));
        });
        writer("createUser", () -> {
            String name = GraphQL.unique("AuthUser");
            return attempt("mutation($n: String!) { createUser(name: $n) { id } }", new Object[] { "n", name },
                    () -> assertEquals(1L, Database.count("select count(*) from users where name = ?", name)));
        });
        writer("createPost", () -> {
            long u = user();
            String title = GraphQL.unique("Post");
            return attempt("mutation($u: ID, $t: String) { createPost(ownerId: $u, title: $t) { id } }",
                    new Object[] { "u", u, "t", title },
                    () -> assertEquals(1L, Database.count("select count(*) from post where owner_id = ? and title = ?", u, title)));
        });
        writer("setPostOwner", () -> {
            long p = post();
            long u = user();
            return attempt("mutation($p: ID!, $u: ID) { setPostOwner(postId: $p, ownerId: $u) { id } }",
                    new Object[] { "p", p, "u", u },
                    () -> assertEquals(u, ((Number) Database.value("select owner_id from post where id = ?", p)).longValue()));
        });
        writer("createAddress", () -> {
            long u = user();
            String address = GraphQL.unique("Street");
            return attempt("mutation($u: ID!, $a: String!) { createAddress(userId: $u, address: $a) { id } }",
                    new Object[] { "u", u, "a", address },
                    () -> assertEquals(1L, Database.count("select count(*) from address where user_id = ? and address = ?", u, address)));
        });
        admin("deleteDepartment", () -> {
            long d = department();
            return attempt("mutation($id: ID!) { deleteDepartment(id: $id) }", new Object[] { "id", d },
                    () -> assertEquals(0L, Database.count("select count(*) from department where id = ?", d)));
        });
        admin("deleteEmployee", () -> {
            long e = employee();
            return attempt("mutation($id: ID!) { deleteEmployee(id: $id) }", new Object[] { "id", e },
                    () -> assertEquals(0L, Database.count("select count(*) from employee where id = ?", e)));
        });
        admin("changeDepartmentId", () -> {
            long d = department();
            long newId = freeId("department");
            return attempt("mutation($id: ID!, $n: ID!) { changeDepartmentId(id: $id, newId: $n) { department { id } } }",
                    new Object[] { "id", d, "n", newId },
                    () -> assertEquals(1L, Database.count("select count(*) from department where id = ?", newId)));
        });
        admin("changeEmployeeId", () -> {
            long e = employee();
            long newId = freeId("employee");
            return attempt("mutation($id: ID!, $n: ID!) { changeEmployeeId(id: $id, newId: $n) { employee { id } } }",
                    new Object[] { "id", e, "n", newId },
                    () -> assertEquals(1L, Database.count("select count(*) from employee where id = ?", newId)));
        });
        admin("changeUserId", () -> {
            long u = user();
            long newId = freeId("users");
            return attempt("mutation($id: ID!, $n: ID!) { changeUserId(id: $id, newId: $n) { user { id } } }",
                    new Object[] { "id", u, "n", newId },
                    () -> assertEquals(1L, Database.count("select count(*) from users where id = ?", newId)));
        });
    }

    static Stream<String> mutationFields() {
        return SCENARIOS.keySet().stream();
    }

    @Test
    void everyMutationFieldOfTheServedSchemaHasAScenario() {
        List<String> served = GraphQL.ok("{ __type(name: \"Mutation\") { fields { name } } }").getList("data.__type.fields.name");
        assertEquals(new TreeSet<>(served), new TreeSet<>(SCENARIOS.keySet()));
    }

    @ParameterizedTest
    @MethodSource("mutationFields")
    void onlyAValidTokenWithTheNeededRoleRunsIt(String field) {
        Scenario scenario = SCENARIOS.get(field);
        Attempt attempt = scenario.prepare().get();
        Role below = scenario.needs() == Role.ADMIN ? Role.WRITER : Role.READER;

        refused(attempt, GraphQL.anonymous(), "UNAUTHORIZED", "none was sent", null);
        String expired = TestTokens.expired(Role.ADMIN);
        refused(attempt, GraphQL.bearer(expired), "UNAUTHORIZED", "expired", expired);
        String otherKey = TestTokens.signedByAnotherKey(Role.ADMIN);
        refused(attempt, GraphQL.bearer(otherKey), "UNAUTHORIZED", "signature", otherKey);
        String wrongIssuer = TestTokens.wrongIssuer(Role.ADMIN);
        refused(attempt, GraphQL.bearer(wrongIssuer), "UNAUTHORIZED", "issuer", wrongIssuer);
        refused(attempt, GraphQL.as("Basic YWRtaW46YWRtaW4="), "UNAUTHORIZED", "Bearer", null);
        String tooLow = TestTokens.of(below);
        String message = refused(attempt, GraphQL.bearer(tooLow), "FORBIDDEN", scenario.needs().claim(), tooLow);
        assertTrue(message.contains(field), message);

        GraphQL.bearer(TestTokens.of(scenario.needs())).ok(attempt.document(), attempt.variables());
        attempt.applied().run();
    }

    private static String refused(Attempt attempt, GraphQL.Caller caller, String code, String reason, String token) {
        String before = fingerprint();
        String message = caller.error(code, attempt.document(), attempt.variables());
        assertTrue(message.contains(reason), "'" + message + "' does not say '" + reason + "'");
        if (token != null) {
            assertFalse(message.contains(token) || message.contains(token.substring(token.lastIndexOf('.') + 1)),
                    "the message repeats the token: " + message);
        }
        assertEquals(before, fingerprint(), "a refused mutation (" + code + ": " + message + ") changed the database");
        return message;
    }

    /** Every row of every table, hashed: equal fingerprints, equal data. */
    static String fingerprint() {
        return (String) Database.value("select md5(string_agg(r, '|' order by r)) from ("
                + "select 'd' || d::text r from department d union all select 'e' || e::text from employee e "
                + "union all select 'l' || l::text from department_employee_link l union all select 'u' || u::text from users u "
                + "union all select 'p' || p::text from post p union all select 'a' || a::text from address a) rows");
    }

    private static void writer(String field, Supplier<Attempt> prepare) {
        SCENARIOS.put(field, new Scenario(Role.WRITER, prepare));
    }

    private static void admin(String field, Supplier<Attempt> prepare) {
        SCENARIOS.put(field, new Scenario(Role.ADMIN, prepare));
    }

    private static Attempt attempt(String document, Object[] variables, Runnable applied) {
        return new Attempt(document, variables, applied);
    }

    private static long department() {
        return id(GraphQL.ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", GraphQL.unique("AuthD"))
                .getString("data.createDepartment.id"));
    }

    private static long employee() {
        return id(GraphQL.ok("mutation($n: String!) { createEmployee(name: $n) { id } }", "n", GraphQL.unique("AuthE"))
                .getString("data.createEmployee.id"));
    }

    private static long user() {
        return id(GraphQL.ok("mutation($n: String!) { createUser(name: $n) { id } }", "n", GraphQL.unique("AuthU"))
                .getString("data.createUser.id"));
    }

    private static long post() {
        return id(GraphQL.ok("mutation($t: String) { createPost(title: $t) { id } }", "t", GraphQL.unique("AuthP"))
                .getString("data.createPost.id"));
    }

    private static long[] linked() {
        long d = department();
        long e = employee();
        GraphQL.ok("mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e) { extraData } }", "d", d, "e", e);
        return new long[] { d, e };
    }

    private static long link(long d, long e) {
        return Database.count("select count(*) from department_employee_link where department_id = ? and employee_id = ?", d, e);
    }

    private static long freeId(String table) {
        return ((Number) Database.value("select coalesce(max(id), 0) + 1000 from " + table)).longValue();
    }

    private static long id(String id) {
        return Long.parseLong(id);
    }
}

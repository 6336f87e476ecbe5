package io.relgraph.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.GraphQL;

/**
 * Verified tokens are remembered (TokenVerifier), so a client's repeated token costs one signature
 * check; remembering must not let anything through that verification would refuse: a token that
 * differs in one character, an expired one, or a role the remembered token does not have.
 */
@QuarkusTest
class RememberedTokensTest {

    private static final String CREATE = "mutation($n: String!) { createDepartment(name: $n) { name } }";
    private static final String DELETE = "mutation($id: ID!) { deleteDepartment(id: $id) }";

    @Test
    void aRememberedTokenStillAnswersForItselfOnly() {
        String writer = TestTokens.of(Role.WRITER);
        for (int i = 0; i < 3; i++) { // the first request verifies, the next ones find it remembered
            String name = GraphQL.unique("Remembered");
            assertEquals(name, GraphQL.bearer(writer).ok(CREATE, "n", name).getString("data.createDepartment.name"));
            assertEquals(1, GraphQL.ok("query($n: String!) { departmentPage(name: $n) { totalCount } }", "n", name)
                    .getInt("data.departmentPage.totalCount"), "written once");
        }
        // the same token with one character of its signature changed (not the last: its low bits are padding)
        int at = writer.length() - 10;
        String tampered = writer.substring(0, at) + (writer.charAt(at) == 'A' ? 'B' : 'A') + writer.substring(at + 1);
        for (int i = 0; i < 2; i++) { // refused every time: a refusal is never remembered
            String name = GraphQL.unique("Tampered");
            String message = GraphQL.bearer(tampered).error("UNAUTHORIZED", CREATE, "n", name);
            assertTrue(message.contains("signature") || message.contains("not a valid JWT"), message);
            assertEquals(0, GraphQL.ok("query($n: String!) { departmentPage(name: $n) { totalCount } }", "n", name)
                    .getInt("data.departmentPage.totalCount"), "nothing written");
        }
        // the remembered writer is still no admin
        String id = GraphQL.ok(CREATE.replace("{ name }", "{ id }"), "n", GraphQL.unique("Kept")).getString("data.createDepartment.id");
        for (int i = 0; i < 2; i++) {
            String message = GraphQL.bearer(writer).error("FORBIDDEN", DELETE, "id", id);
            assertTrue(message.contains("admin"), message);
        }
        assertEquals(id, GraphQL.ok("query($id: ID!) { department(id: $id) { id } }", "id", id).getString("data.department.id"));
    }

    @Test
    void anExpiredTokenIsRefusedEveryTime() {
        String expired = TestTokens.expired(Role.ADMIN);
        for (int i = 0; i < 3; i++) {
            String name = GraphQL.unique("Expired");
            String message = GraphQL.bearer(expired).error("UNAUTHORIZED", CREATE, "n", name);
            assertTrue(message.contains("expired"), message);
            assertEquals(0, GraphQL.ok("query($n: String!) { departmentPage(name: $n) { totalCount } }", "n", name)
                    .getInt("data.departmentPage.totalCount"), "nothing written");
        }
    }
}

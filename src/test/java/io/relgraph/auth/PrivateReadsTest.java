package io.relgraph.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.GraphQL;
import io.relgraph.GraphQLWebSocket;
import io.relgraph.PrivateReadsOneSecondTimeout;
import io.restassured.path.json.JsonPath;

/** With relgraph.auth.public-reads=false, reading (over HTTP and the WebSocket) needs role reader. */
@QuarkusTest
@TestProfile(PrivateReadsOneSecondTimeout.class)
class PrivateReadsTest {

    private static final String READ = "query($n: String!) { departmentByName(name: $n) { name } }";

    @TestHTTPResource("/graphql")
    URL endpoint;

    @Test
    void readingOverHttpNeedsAReader() {
        String name = GraphQL.unique("Private");
        GraphQL.ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name);

        String message = GraphQL.anonymous().error("UNAUTHORIZED", READ, "n", name);
        assertTrue(message.contains("reader"), message);
        GraphQL.bearer(TestTokens.expired(Role.READER)).error("UNAUTHORIZED", READ, "n", name);
        GraphQL.bearer(TestTokens.signedByAnotherKey(Role.READER)).error("UNAUTHORIZED", READ, "n", name);
        String forbidden = GraphQL.bearer(TestTokens.withoutRole()).error("FORBIDDEN", READ, "n", name);
        assertTrue(forbidden.contains("no relgraph role"), forbidden);

        assertEquals(name, GraphQL.bearer(TestTokens.of(Role.READER)).ok(READ, "n", name).getString("data.departmentByName.name"));
        assertEquals(name, GraphQL.bearer(TestTokens.of(Role.WRITER)).ok(READ, "n", name).getString("data.departmentByName.name"));
    }

    @Test
    void readingOverTheWebSocketNeedsAReaderInConnectionInit() throws Exception {
        String name = GraphQL.unique("PrivateWs");
        GraphQL.ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name);
        String read = "{ departmentByName(name: \"" + name + "\") { name } }";
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, null)) {
            JsonPath r = ws.execute(read);
            assertEquals("UNAUTHORIZED", r.getString("errors[0].extensions.code"), r.prettify());
            assertNull(r.get("data.departmentByName"));
        }
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, TestTokens.bearer(TestTokens.of(Role.READER)))) {
            JsonPath r = ws.execute(read);
            assertNull(r.get("errors"), r.prettify());
            assertEquals(name, r.getString("data.departmentByName.name"));
        }
    }
}

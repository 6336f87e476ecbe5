package io.relgraph.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.relgraph.GraphQLWebSocket;
import io.restassured.path.json.JsonPath;

/**
 * By default (relgraph.auth.public-reads=true) anyone may read, over HTTP and over the WebSocket;
 * writing over the WebSocket needs the same token as over HTTP, sent in connection_init.
 */
@QuarkusTest
class ReadAuthorizationTest {

    @TestHTTPResource("/graphql")
    URL endpoint;

    @Test
    void anyoneMayReadOverHttp() {
        String name = GraphQL.unique("Readable");
        GraphQL.ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name);
        JsonPath r = GraphQL.anonymous().ok("query($n: String!) { departmentByName(name: $n) { name } }", "n", name);
        assertEquals(name, r.getString("data.departmentByName.name"));
        // through SmallRye's own execution too (the resolver path)
        assertEquals(name, GraphQL.anonymous().ok("query($n: String!) { departmentByName(name: $n) { name employees { name } } }", "n", name)
                .getString("data.departmentByName.name"));
    }

    @Test
    void anyoneMayReadOverTheWebSocket() throws Exception {
        String name = GraphQL.unique("WsReadable");
        GraphQL.ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name);
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, null)) {
            JsonPath r = ws.execute("{ departmentByName(name: \"" + name + "\") { name } }");
            assertNull(r.get("errors"), r.prettify());
            assertEquals(name, r.getString("data.departmentByName.name"));
        }
    }

    @Test
    void writingOverTheWebSocketNeedsTheTokenInConnectionInit() throws Exception {
        String name = GraphQL.unique("WsWritten");
        String mutation = "mutation { createDepartment(name: \"" + name + "\") { id } }";
        String before = MutationAuthorizationTest.fingerprint();
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, null)) {
            JsonPath r = ws.execute(mutation);
            assertEquals("UNAUTHORIZED", r.getString("errors[0].extensions.code"), r.prettify());
            assertNull(r.get("data.createDepartment"));
        }
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, TestTokens.bearer(TestTokens.of(Role.READER)))) {
            JsonPath r = ws.execute(mutation);
            assertEquals("FORBIDDEN", r.getString("errors[0].extensions.code"), r.prettify());
        }
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, TestTokens.bearer(TestTokens.expired(Role.ADMIN)))) {
            JsonPath r = ws.execute(mutation);
            assertEquals("UNAUTHORIZED", r.getString("errors[0].extensions.code"), r.prettify());
            assertTrue(r.getString("errors[0].message").contains("expired"), r.prettify());
        }
        assertEquals(before, MutationAuthorizationTest.fingerprint(), "a refused mutation over the WebSocket changed the database");

        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, TestTokens.bearer(TestTokens.of(Role.WRITER)))) {
            JsonPath r = ws.execute(mutation);
            assertNull(r.get("errors"), r.prettify());
        }
        assertEquals(1L, Database.count("select count(*) from department where name = ?", name));
    }
}

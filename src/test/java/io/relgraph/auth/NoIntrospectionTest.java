package io.relgraph.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.GraphQL;
import io.relgraph.GraphQLWebSocket;
import io.relgraph.NoIntrospectionOneConnection;
import io.restassured.path.json.JsonPath;

/** relgraph.graphql.introspection=false: no __schema or __type, over HTTP or the WebSocket, even for admin; no schema file. */
@QuarkusTest
@TestProfile(NoIntrospectionOneConnection.class)
class NoIntrospectionTest {

    @TestHTTPResource("/graphql")
    URL endpoint;

    @Test
    void introspectionIsRefusedAndOrdinaryQueriesStillRun() throws Exception {
        String message = GraphQL.error("FORBIDDEN", "{ __schema { queryType { name } } }");
        assertTrue(message.contains("Introspection"), message);
        GraphQL.anonymous().error("FORBIDDEN", "{ __type(name: \"Department\") { name } }");
        GraphQL.anonymous().error("FORBIDDEN", "query Q { ...F } fragment F on Query { __schema { types { name } } }");
        GraphQL.anonymous().ok("{ departments(first: 1) { __typename id } }");

        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, TestTokens.bearer(TestTokens.admin()))) {
            JsonPath r = ws.execute("{ __schema { queryType { name } } }");
            assertEquals("FORBIDDEN", r.getString("errors[0].extensions.code"), r.prettify());
        }
        given().get("/graphql/schema.graphql").then().statusCode(404);
    }
}

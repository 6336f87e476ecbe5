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

/**
 * With relgraph.auth.public-reads=false a subscription needs role reader, its token in the
 * WebSocket's connection_init payload: without one it is refused (UNAUTHORIZED) before it starts, and
 * with one it receives the events.
 */
@QuarkusTest
@TestProfile(PrivateReadsOneSecondTimeout.class)
class SubscriptionAuthorizationTest {

    private static final String DEPARTMENT_CHANGED = "subscription { departmentChanged(id: %s) { kind id } }";

    @TestHTTPResource("/graphql")
    URL endpoint;

    @Test
    void aSubscriptionWithoutAReaderTokenIsRefused() throws Exception {
        long id = department();
        double started = GraphQLWebSocket.subscriptionsStarted(endpoint.getPort());
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, null)) {
            JsonPath r = ws.execute(DEPARTMENT_CHANGED.formatted(id));
            assertEquals("UNAUTHORIZED", r.getString("errors[0].extensions.code"), r.prettify());
            assertTrue(r.getString("errors[0].message").contains("reader"), r.prettify());
        }
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, TestTokens.bearer(TestTokens.withoutRole()))) {
            JsonPath r = ws.execute(DEPARTMENT_CHANGED.formatted(id));
            assertEquals("FORBIDDEN", r.getString("errors[0].extensions.code"), r.prettify());
        }
        assertEquals(started, GraphQLWebSocket.subscriptionsStarted(endpoint.getPort()), "a refused subscription was started");
    }

    @Test
    void aReaderTokenInConnectionInitReceivesTheEvents() throws Exception {
        long id = department();
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, TestTokens.bearer(TestTokens.of(Role.READER)))) {
            var subscription = ws.subscribe(DEPARTMENT_CHANGED.formatted(id)); // returns once the server has it
            GraphQL.ok("mutation($id: ID!, $n: String!) { renameDepartment(id: $id, name: $n) { id } }",
                    "id", id, "n", GraphQL.unique("Renamed"));
            JsonPath event = subscription.result();
            assertNull(event.get("errors"), event.prettify());
            assertEquals(Long.toString(id), event.getString("data.departmentChanged.id"));
        }
    }

    private static long department() {
        return Long.parseLong(GraphQL.ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", GraphQL.unique("Sub"))
                .getString("data.createDepartment.id"));
    }
}

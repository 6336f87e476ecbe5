package io.relgraph.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.NodeClients;
import io.relgraph.PackagedAppDatabase;
import io.relgraph.auth.TestTokens;
import io.vertx.core.json.JsonObject;

/**
 * The graphql-ws client library (what Apollo Client and urql use for subscriptions) against the packaged
 * application: a subscription sees a change made over HTTP, a query runs over the socket, a refused
 * subscription ends with an error, a mutation without a token is UNAUTHORIZED, and one with the token in
 * {@code connection_init} runs (src/test/node/ws-client.mjs).
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class GraphQLWsClientIT {

    @TestHTTPResource("/graphql")
    URL endpoint;

    @Test
    void theGraphqlWsClientSubscribesQueriesAndIsRefusedAsExpected() throws Exception {
        List<String> steps = NodeClients.run("ws-client.mjs", List.of(1), endpoint.toString(), TestTokens.admin());
        StringBuilder failed = new StringBuilder();
        for (String line : steps) {
            JsonObject step = new JsonObject(line);
            if (!step.getBoolean("ok")) {
                failed.append('\n').append(line);
            }
        }
        assertEquals(5, steps.size(), "steps run: " + steps);
        assertEquals("", failed.toString(), "graphql-ws client steps that failed");
    }
}

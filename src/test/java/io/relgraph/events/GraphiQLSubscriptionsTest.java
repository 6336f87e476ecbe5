package io.relgraph.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * GraphiQL in the build can run a subscription: its page hands GraphiQL a WebSocket URL on the
 * GraphQL path, and its bundle carries the graphql-ws client (graphql-transport-ws), the protocol
 * the other tests in this package speak to that path.
 */
@QuarkusTest
class GraphiQLSubscriptionsTest {

    @Test
    void graphiqlOpensSubscriptionsOverAGraphqlWsWebSocketOnTheGraphqlPath() {
        given().get("/q/graphql-ui/render.js").then().statusCode(200)
                .body(containsString("const api = '/graphql'"))
                .body(containsString("subscriptionUrl: getWsUrl()"))
                .body(containsString("new_uri = 'ws:'"));
        given().get("/q/graphql-ui/graphiql.min.js").then().statusCode(200)
                .body(containsString("node_modules/graphql-ws/lib/client"))
                .body(containsString("createWebsocketsFetcherFromUrl"));
    }
}

package io.relgraph.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.GraphQL;

/** Each GraphQL operation is timed and exported in Prometheus format. */
@QuarkusTest
class MetricsTest {

    @Test
    void graphqlOperationsAreMeasured() {
        GraphQL.ok("{ users { id } }");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mp_graphql_seconds_count{name=\"users\",source=\"false\",type=\"QUERY\"}"));
    }
}

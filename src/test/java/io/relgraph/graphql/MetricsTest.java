package io.relgraph.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.GraphQL;
import io.restassured.http.ContentType;

/**
 * Each GraphQL operation the resolver engine runs is timed (SmallRye's {@code mp_graphql_*}), and every
 * request is counted by the path that answered it; both exported in Prometheus format.
 */
@QuarkusTest
class MetricsTest {

    @Test
    void graphqlOperationsAreMeasured() {
        double compiled = ExamplesTest.compiledRequests();
        GraphQL.ok("{ users { id } }");
        given().contentType(ContentType.JSON).header("X-Relgraph-Engine", "resolver").body(Map.of("query", "{ users { id } }"))
                .post("/graphql").then().statusCode(200).header("X-Relgraph-Engine", "resolver");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mp_graphql_seconds_count{name=\"users\",source=\"false\",type=\"QUERY\"}"))
                .body(containsString("relgraph_graphql_requests_total{path=\"resolver\"}"));
        assertEquals(compiled + 1, ExamplesTest.compiledRequests());
    }
}

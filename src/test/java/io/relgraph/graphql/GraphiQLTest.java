package io.relgraph.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** People exploring the API find GraphiQL at /q/graphql-ui; its IT proves it is in the production build too. */
@QuarkusTest
class GraphiQLTest {

    @Test
    void graphiqlIsServed() {
        given().get("/q/graphql-ui/").then().statusCode(200).body(containsString("<html"));
    }
}

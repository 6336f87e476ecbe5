package io.relgraph.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.GraphQL;
import io.relgraph.GraphQLWebSocket;
import io.restassured.path.json.JsonPath;

/**
 * graphql-java's own guards (depth, fields, authorization) skip a POST the request pipeline checked
 * already (io.relgraph.request.CheckedRequest); operations the pipeline never sees, over the
 * WebSocket, must still meet every one of them (GET passes the pipeline like POST).
 */
@QuarkusTest
class UncheckedPathsTest {

    @TestHTTPResource("/graphql")
    URL endpoint;

    /** 17 levels of relations, deeper than relgraph.graphql.max-depth (15). */
    private static String tooDeep() {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            open.append("departments(first: 1) { employees(first: 1) { ");
            close.append("} } ");
        }
        return "{ " + open + "id " + close + "}";
    }

    @Test
    void aTooDeepQueryIsRefusedOnEveryPath() throws Exception {
        assertEquals("LIMIT_EXCEEDED", GraphQL.run(tooDeep()).getString("errors[0].extensions.code"), "POST");

        // GET is not a way around the pipeline: it passes the same checks as POST
        given().queryParam("query", tooDeep()).get("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("LIMIT_EXCEEDED"));
        given().accept("application/graphql-response+json").queryParam("query", tooDeep()).get("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("LIMIT_EXCEEDED"));

        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, null)) {
            JsonPath r = ws.execute(tooDeep());
            assertEquals("LIMIT_EXCEEDED", r.getString("errors[0].extensions.code"), r.prettify());
        }
    }

    @Test
    void aMutationOverTheWebSocketIsAuthorizedThere() throws Exception {
        String name = GraphQL.unique("Unchecked");
        String create = "mutation { createDepartment(name: \"" + name + "\") { id } }";
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, null)) {
            JsonPath r = ws.execute(create);
            assertEquals("UNAUTHORIZED", r.getString("errors[0].extensions.code"), r.prettify());
        }
        try (GraphQLWebSocket ws = GraphQLWebSocket.connect(endpoint, TestTokens.bearer(TestTokens.of(Role.READER)))) {
            JsonPath r = ws.execute(create);
            assertEquals("FORBIDDEN", r.getString("errors[0].extensions.code"), r.prettify());
        }
        assertEquals(0, GraphQL.ok("query($n: String!) { departmentPage(name: $n) { totalCount } }", "n", name)
                .getInt("data.departmentPage.totalCount"), "nothing written");
    }
}

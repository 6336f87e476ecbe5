package io.relgraph.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;

/**
 * GraphiQL as served has its Headers editor on and hands its headers to every request it sends to
 * /graphql; such a request (GraphiQL's own headers plus the Authorization typed in) may write.
 */
@QuarkusTest
class GraphiQLTokenTest {

    @Test
    void graphiqlSendsTheTokenTypedIntoItsHeadersEditor() {
        given().get("/q/graphql-ui/render.js").then().statusCode(200)
                .body(containsString("headerEditorEnabled = true"))
                .body(containsString("headers: mergedHeaders"));

        String name = GraphQL.unique("FromGraphiQL");
        given().header("Accept", "application/json").header("Content-Type", "application/json")
                .header("Authorization", TestTokens.bearer(TestTokens.of(Role.WRITER)))
                .body(Map.of("query", "mutation($n: String!) { createDepartment(name: $n) { id } }", "variables", Map.of("n", name)))
                .post("/graphql").then().statusCode(200).body(containsString("createDepartment"));
        assertEquals(1L, Database.count("select count(*) from department where name = ?", name));
    }
}

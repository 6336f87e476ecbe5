package io.relgraph.filter;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The resolver engine cannot evaluate where, sort, aggregates or groups: asked for one
 * (X-Relgraph-Engine: resolver) it refuses with VALIDATION and says why, never answering as if the
 * argument were not there; the compiled path answers the same read in one statement.
 */
@QuarkusTest
class ResolverRefusesTheReadLanguageTest {

    private static final List<String> READS = List.of("{ departments(where: {name: {eq: \"nobody-here\"}}) { id } }",
            "{ departmentsAggregate { count } }", "{ linkGroups(by: [EXTRA_DATA]) { count } }",
            "{ departmentPage(first: 2, sort: [{name: ASC}]) { items { id } } }",
            "{ employeePage(first: 2, where: {departmentLinks: {some: {extraData: {eq: \"part-time\"}}}}, sort: [{name: ASC}])"
                    + " { totalCount items { name departmentsAggregate { count } } } }",
            "{ departmentPage(first: 2) { items { name employeeLinkGroups(by: [EXTRA_DATA]) { extraData count } } } }");

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> post(String query, String engine) {
        var request = given().contentType(ContentType.JSON).body(Map.of("query", query));
        if (engine != null) {
            request = request.header("X-Relgraph-Engine", engine);
        }
        return request.post("/graphql").then().statusCode(200).extract();
    }

    @Test
    void theResolverEngineRefusesWithVALIDATION() {
        // a department, so that a group field below a page has a parent to be refused for
        Database.update("insert into department (name) values (?)", io.relgraph.GraphQL.unique("Refused"));
        for (String query : READS) {
            var response = post(query, "resolver");
            JsonPath json = JsonPath.from(response.asString());
            assertEquals("resolver", response.header("X-Relgraph-Engine"), query);
            assertEquals("VALIDATION", json.getString("errors[0].extensions.code"), response.asString());
            assertTrue(json.getString("errors[0].message").contains("answered by compiled reads only"), response.asString());
        }
    }

    @Test
    void theCompilerAnswersEachInOneStatement() {
        Database.requirePgStatStatements();
        for (String query : READS) {
            post(query, null); // warm up: plan cache, prepared statement
            Database.resetStatementCounts();
            var response = post(query, null);
            assertEquals("compiled", response.header("X-Relgraph-Engine"), response.asString());
            org.junit.jupiter.api.Assertions.assertNull(JsonPath.from(response.asString()).get("errors"), response.asString());
            assertEquals(1L, Database.applicationStatements(), query);
        }
    }
}

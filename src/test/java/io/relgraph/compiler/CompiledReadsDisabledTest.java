package io.relgraph.compiler;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.Database;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** With {@code relgraph.graphql.compiler.enabled=false} every read is answered by the resolver engine. */
@QuarkusTest
@TestProfile(CompilerOff.class)
class CompiledReadsDisabledTest {

    @Test
    void readsGoToTheResolverWhenTheCompilerIsOff() {
        Database.update("insert into department (name) values (?)", io.relgraph.GraphQL.unique("Off"));
        var response = given().contentType(ContentType.JSON).body(Map.of("query", "{ departments(first: 3) { id name } }"))
                .when().post("/graphql").then().statusCode(200).extract();
        assertEquals("resolver", response.header("X-Relgraph-Engine"));
        assertEquals(Database.rows("select id from department order by id limit 3").stream().map(r -> r.get("id").toString()).toList(),
                JsonPath.from(response.asString()).getList("data.departments.id"));
    }
}

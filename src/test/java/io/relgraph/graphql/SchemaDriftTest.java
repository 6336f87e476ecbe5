package io.relgraph.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The served schema is the committed {@code schema.graphql}: clients and code generators read that
 * file, so any change to the API shows up in review. Refresh it with
 * {@code ./mvnw test -Dtest=SchemaDriftTest -Drelgraph.schema.update=true}, which fails when it rewrote the
 * file (so that a refresh is reviewed, not silently green) and passes once they agree.
 */
@QuarkusTest
class SchemaDriftTest {

    private static final Path COMMITTED = Path.of("schema.graphql");

    @Test
    void theServedSchemaIsTheCommittedOne() throws Exception {
        String served = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        if (Boolean.getBoolean("relgraph.schema.update") && !committed.equals(served)) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
            // a refresh is never silently green: it fails once, so that it is reviewed and run again
            throw new AssertionError("schema.graphql rewritten with the served schema: review the diff, commit it, run again");
        }
        assertEquals(committed, served, "The served GraphQL schema differs from schema.graphql. If the change is intended, "
                + "refresh it: ./mvnw test -Dtest=SchemaDriftTest -Drelgraph.schema.update=true, and commit schema.graphql");
    }
}

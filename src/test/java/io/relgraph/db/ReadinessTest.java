package io.relgraph.db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.GraphQL;

/** Readiness follows the database: DOWN while it is stopped, UP again once it is back. */
@QuarkusTest
class ReadinessTest {

    @Test
    void readinessGoesDownWithTheDatabaseAndComesBack() throws Exception {
        EmbeddedPostgres pg = EmbeddedDatabase.current().orElse(null);
        Assumptions.assumeTrue(pg != null, "runs on the embedded database only (DB_URL is set)");
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        pg.stopServerOnly();
        try {
            awaitStatus(503, "DOWN");
            // and the API says so with its own code, not a 500
            GraphQL.error("UNAVAILABLE", "{ departments { id } }");
        } finally {
            pg.restartServerOnly();
        }
        awaitStatus(200, "UP");
        GraphQL.ok("{ departments { id } }");
    }

    private static void awaitStatus(int http, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                given().get("/q/health/ready").then().statusCode(http).body("status", equalTo(status));
                return;
            } catch (AssertionError e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw last;
    }
}

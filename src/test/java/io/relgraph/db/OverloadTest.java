package io.relgraph.db;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.GraphQL;
import io.relgraph.NoIntrospectionOneConnection;
import io.relgraph.auth.TestTokens;
import io.relgraph.replica.ReadReplicas;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Overload sheds instead of piling up: with every pooled connection busy, a request waits at most
 * {@code relgraph.db.pool.max-wait} for one and is then refused with {@code UNAVAILABLE}; beyond
 * {@code relgraph.db.pool.max-waiting} waiting statements it is refused at once. The requests that
 * hold the connections finish normally, and so does everything once they are done. The connections
 * are kept busy by a lock taken over JDBC, beside the application (a pool of one connection here).
 */
@QuarkusTest
@TestProfile(NoIntrospectionOneConnection.class)
class OverloadTest {

    private static final String READ = "query($n: String!) { departmentByName(name: $n) { name } }";
    /** {@code relgraph.db.pool.max-wait} of the profile. */
    private static final Duration POOL_WAIT = Duration.ofSeconds(1);

    @Test
    void requestsBeyondThePoolAreRefusedWithUnavailableAndTheOthersAnswer() throws Exception {
        String name = GraphQL.unique("Overload");
        GraphQL.ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name);
        CompletableFuture<JsonPath> holder;
        List<String> refusals = new ArrayList<>();
        try (Connection lock = connect()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE department IN ACCESS EXCLUSIVE MODE");
            }
            // takes the pool's only connection and waits for the lock
            holder = CompletableFuture.supplyAsync(() -> GraphQL.run(READ, "n", name));
            awaitWaitingOnLock(lock);
            // two more at once: one waits its second and is refused, the other finds the queue full
            List<CompletableFuture<String>> waiting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                waiting.add(CompletableFuture.supplyAsync(() -> GraphQL.error("UNAVAILABLE", READ, "n", name)));
            }
            for (CompletableFuture<String> w : waiting) {
                refusals.add(w.get());
            }
            lock.rollback();
        }
        assertEquals(2, refusals.size());
        for (String message : refusals) {
            assertTrue(message.contains("overloaded"), message);
        }
        JsonPath held = holder.get();
        assertEquals(name, held.getString("data.departmentByName.name"), held.prettify());
        assertEquals(name, GraphQL.ok(READ, "n", name).getString("data.departmentByName.name"));
    }

    /**
     * A mutation that got no connection committed nothing: it is answered {@code UNAVAILABLE} after one wait,
     * without a commit position, and does not wait for the pool a second time to read one. The connection is
     * freed half a second after that wait ended: a second wait would get it, read a position and send it.
     */
    @Test
    void aMutationThatGotNoConnectionWaitsOnceAndCarriesNoPosition() throws Exception {
        String name = GraphQL.unique("Overload");
        GraphQL.ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name);
        CompletableFuture<JsonPath> holder;
        Response refused;
        try (Connection lock = connect()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE department IN ACCESS EXCLUSIVE MODE");
            }
            holder = CompletableFuture.supplyAsync(() -> GraphQL.run(READ, "n", name));
            awaitWaitingOnLock(lock);
            CompletableFuture<Response> write = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                    .header("Authorization", TestTokens.bearer(TestTokens.admin()))
                    .body(Map.of("query", "mutation { updateLink(departmentId: 1, employeeId: 1, extraData: \"x\") { extraData } }"))
                    .post("/graphql"));
            awaitWaitingForAConnection();
            Thread.sleep(POOL_WAIT.toMillis() + 500);
            lock.rollback();
            refused = write.get();
        }
        assertEquals("UNAVAILABLE", refused.jsonPath().getString("errors[0].extensions.code"), refused.asString());
        assertNull(refused.header(ReadReplicas.LSN_HEADER), "nothing committed, no position read after the wait");
        assertEquals(name, holder.get().getString("data.departmentByName.name"));
    }

    /** Until a statement waits for the pool's connection (Vert.x's pool gauge {@code sql_pool_queue_size}). */
    private static void awaitWaitingForAConnection() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String metrics = given().get("/q/metrics").asString();
            for (String line : metrics.split("\n")) {
                if (line.startsWith("sql_pool_queue_size{") && line.contains("pool_name=\"__vertx.DEFAULT\"")
                        && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the mutation never waited for a connection: " + java.util.Arrays.stream(given().get("/q/metrics").asString()
                .split("\n")).filter(l -> l.startsWith("sql_pool_queue")).toList());
    }

    private static void awaitWaitingOnLock(Connection c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the first read never reached the lock");
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}

package io.relgraph.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.GraphQL;
import io.relgraph.NoIntrospectionOneConnection;
import io.restassured.path.json.JsonPath;

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

package io.relgraph.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.relgraph.GraphQLWebSocket;
import io.relgraph.db.EmbeddedPostgres;
import io.relgraph.db.PackagedApp;
import io.vertx.core.json.JsonObject;

/**
 * Two packaged instances on one database: a change made through B reaches a subscriber of A, because
 * the database, not the process, is the source of events (how late is measured in bench/, not here:
 * a one-second bound failed on a loaded build machine); and A's LISTEN
 * connection comes back by itself after the database restarts, with its subscriber still connected; a
 * live query on A is pushed the answer a change through B made.
 */
class SubscriptionsAcrossInstancesIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static EmbeddedPostgres pg;
    private static PackagedApp a;
    private static PackagedApp b;
    private static int portA;
    private static int portB;
    private static Path authDir;

    @BeforeAll
    static void startDatabaseAndTwoInstances() throws Exception {
        pg = EmbeddedPostgres.start(EmbeddedPostgres.Mode.EPHEMERAL, null, null);
        // one key directory for both: A makes the key pair and the admin token, B verifies with the same key
        authDir = java.nio.file.Files.createTempDirectory("relgraph-subscriptions-it").resolve("auth");
        portA = PackagedApp.freePort();
        a = launch(portA, "a"); // A migrates the schema; B then finds it done
        portB = PackagedApp.freePort();
        b = launch(portB, "b");
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (PackagedApp app : new PackagedApp[] { a, b }) {
            if (app != null) {
                app.process.destroy();
                app.process.waitFor(60, TimeUnit.SECONDS);
            }
        }
        if (pg != null) {
            pg.stop();
        }
        if (authDir != null) {
            try (var files = java.nio.file.Files.walk(authDir.getParent())) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void aSubscriberOnAReceivesAMutationMadeOnB() throws Exception {
        long it = createDepartment(b, "IT");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect(portA)) {
            var subscription = client.subscribe("subscription($id: ID) { departmentChanged(id: $id) { kind id department { name } } }",
                    "id", Long.toString(it));
            post(b, "mutation { renameDepartment(id: " + it + ", name: \"IT-" + it + "\") { id } }");
            assertEquals(new JsonObject().put("kind", "RENAMED").put("id", Long.toString(it))
                    .put("department", new JsonObject().put("name", "IT-" + it)), subscription.next().getJsonObject("departmentChanged"));
        }
    }

    @Test
    void aLiveQueryOnAIsPushedAChangeMadeOnB() throws Exception {
        long it = createDepartment(b, "Live");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect(portA)) {
            var live = client.subscribeNow("subscription($id: ID!) { department(id: $id) { id name } }", "id", Long.toString(it));
            assertEquals(Long.toString(it), live.next().getJsonObject("department").getString("id"));
            post(b, "mutation { renameDepartment(id: " + it + ", name: \"Live-" + it + "\") { id } }");
            assertEquals(new JsonObject().put("id", Long.toString(it)).put("name", "Live-" + it), live.next().getJsonObject("department"));
        }
    }

    @Test
    void theListenConnectionSurvivesADatabaseRestartAndItsSubscribersStayConnected() throws Exception {
        long hr = createDepartment(b, "HR");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect(portA)) {
            var subscription = client.subscribe("subscription($id: ID) { departmentChanged(id: $id) { kind id } }", "id", Long.toString(hr));
            double reconnectsBefore = metric(portA, "relgraph_events_reconnects_total");

            pg.stopServerOnly();
            pg.restartServerOnly();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (metric(portA, "relgraph_events_reconnects_total") <= reconnectsBefore) {
                assertTrue(System.nanoTime() < deadline, "A did not LISTEN again within 60 s");
                Thread.sleep(100);
            }
            // B's pool reconnects on its own; its first statements may still meet a dead connection
            String renamed = null;
            while (renamed == null || renamed.contains("errors")) {
                assertTrue(System.nanoTime() < deadline, "B did not write again within 60 s: " + renamed);
                renamed = post(b, "mutation { renameDepartment(id: " + hr + ", name: \"HR-" + hr + "\") { id } }");
            }
            assertEquals(new JsonObject().put("kind", "RENAMED").put("id", Long.toString(hr)),
                    subscription.next().getJsonObject("departmentChanged"));
            assertEquals(1.0, metric(portA, "relgraph_events_listening"));
        }
    }

    private static long createDepartment(PackagedApp app, String prefix) throws Exception {
        String name = prefix + "-" + System.nanoTime();
        JsonObject r = new JsonObject(post(app, "mutation { createDepartment(name: \"" + name + "\") { id } }"));
        return Long.parseLong(r.getJsonObject("data").getJsonObject("createDepartment").getString("id"));
    }

    private static double metric(int port, String name) throws Exception {
        return Metrics.value(port, name);
    }

    private static PackagedApp launch(int port, String name) throws Exception {
        Path log = Path.of("target/subscriptions-" + name + "-it.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.reactive.url=" + pg.reactiveUrl(),
                "-Dquarkus.datasource.jdbc.url=" + pg.jdbcUrl(),
                "-Dquarkus.datasource.username=postgres",
                "-Drelgraph.auth.dir=" + authDir,
                "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("DB_") || k.startsWith("QUARKUS_DATASOURCE"));
        return PackagedApp.start(pb, port, log, authDir);
    }

    private static String post(PackagedApp app, String query) throws Exception {
        return app.post(new JsonObject().put("query", query).encode()).body();
    }
}

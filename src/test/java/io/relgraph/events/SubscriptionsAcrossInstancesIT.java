package io.relgraph.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.relgraph.db.EmbeddedPostgres;
import io.vertx.core.json.JsonObject;

/**
 * Two packaged instances on one database: a change made through B reaches a subscriber of A within
 * a second, because the database, not the process, is the source of events; and A's LISTEN
 * connection comes back by itself after the database restarts, with its subscriber still connected.
 */
class SubscriptionsAcrossInstancesIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static EmbeddedPostgres pg;
    private static Process a;
    private static Process b;
    private static int portA;
    private static int portB;
    private static Path authDir;

    @BeforeAll
    static void startDatabaseAndTwoInstances() throws Exception {
        pg = EmbeddedPostgres.start(EmbeddedPostgres.Mode.EPHEMERAL, null, null);
        // one key directory for both: A makes the key pair and the admin token, B verifies with the same key
        authDir = java.nio.file.Files.createTempDirectory("relgraph-subscriptions-it").resolve("auth");
        portA = freePort();
        a = launch(portA, "a");
        awaitReady(portA, a, "a"); // A migrates the schema; B then finds it done
        portB = freePort();
        b = launch(portB, "b");
        awaitReady(portB, b, "b");
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Process p : new Process[] { a, b }) {
            if (p != null) {
                p.destroy();
                p.waitFor(60, TimeUnit.SECONDS);
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
    void aSubscriberOnAReceivesAMutationMadeOnBWithinOneSecond() throws Exception {
        long it = createDepartment(portB, "IT");
        try (SubscriptionClient client = SubscriptionClient.connect(portA)) {
            var subscription = client.subscribe("subscription($id: ID) { departmentChanged(id: $id) { kind id department { name } } }",
                    "id", Long.toString(it));
            long sent = System.nanoTime();
            post(portB, "mutation { renameDepartment(id: " + it + ", name: \"IT-" + it + "\") { id } }");
            JsonObject event = subscription.next().getJsonObject("departmentChanged");
            long millis = (System.nanoTime() - sent) / 1_000_000;
            assertEquals(new JsonObject().put("kind", "RENAMED").put("id", Long.toString(it))
                    .put("department", new JsonObject().put("name", "IT-" + it)), event);
            assertTrue(millis < 1000, "delivered after " + millis + " ms");
        }
    }

    @Test
    void theListenConnectionSurvivesADatabaseRestartAndItsSubscribersStayConnected() throws Exception {
        long hr = createDepartment(portB, "HR");
        try (SubscriptionClient client = SubscriptionClient.connect(portA)) {
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
                renamed = post(portB, "mutation { renameDepartment(id: " + hr + ", name: \"HR-" + hr + "\") { id } }");
            }
            assertEquals(new JsonObject().put("kind", "RENAMED").put("id", Long.toString(hr)),
                    subscription.next().getJsonObject("departmentChanged"));
            assertEquals(1.0, metric(portA, "relgraph_events_listening"));
        }
    }

    private static long createDepartment(int port, String prefix) throws Exception {
        String name = prefix + "-" + System.nanoTime();
        JsonObject r = new JsonObject(post(port, "mutation { createDepartment(name: \"" + name + "\") { id } }"));
        return Long.parseLong(r.getJsonObject("data").getJsonObject("createDepartment").getString("id"));
    }

    private static double metric(int port, String name) throws Exception {
        return Metrics.value(port, name);
    }

    private static Process launch(int port, String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.reactive.url=" + pg.reactiveUrl(),
                "-Dquarkus.datasource.jdbc.url=" + pg.jdbcUrl(),
                "-Dquarkus.datasource.username=postgres",
                "-Drelgraph.auth.dir=" + authDir,
                "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/subscriptions-" + name + "-it.log").toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("DB_") || k.startsWith("QUARKUS_DATASOURCE"));
        return pb.start();
    }

    private static void awaitReady(int port, Process p, String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("relgraph exited: see target/subscriptions-" + name + "-it.log");
            }
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("relgraph did not become ready within 90 s");
    }

    private static String post(int port, String query) throws Exception {
        String token = java.nio.file.Files.readString(authDir.resolve("admin.token")).strip();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("content-type", "application/json").header("authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("query", query).encode())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

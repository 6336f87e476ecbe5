package io.relgraph.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code java -jar} with no database configured keeps its data in a persistent embedded PostgreSQL:
 * created data survives a restart, even after {@code kill -9}, and a clean stop leaves no server.
 */
class PersistentEmbeddedDatabaseIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void dataSurvivesKillMinusNineAndARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("relgraph-persist-it").resolve("data");
        // the jar's key directory beside its data, not relgraph-auth/ in the project
        Path authDir = dataDir.resolveSibling("auth");
        int port = freePort();
        String name = "Durable-" + System.nanoTime();

        Process first = launch(dataDir, authDir, port);
        try {
            awaitReady(port, first);
            String created = post(port, authDir, "{\"query\":\"mutation { createDepartment(name: \\\"" + name + "\\\") { id name } }\"}");
            assertTrue(created.contains("\"name\":\"" + name + "\""), created);
        } finally {
            first.destroyForcibly().waitFor();
        }
        // the killed JVM left its PostgreSQL running: the next start must stop it cleanly and reuse the data
        assertTrue(Files.exists(dataDir.resolve("postmaster.pid")), "a server was left behind by kill -9");

        String adminToken = Files.readString(authDir.resolve("admin.token"));
        Process second = launch(dataDir, authDir, port);
        try {
            awaitReady(port, second);
            // the key and the admin token were kept: a token made before the restart still works
            assertEquals(adminToken, Files.readString(authDir.resolve("admin.token")));
            String found = post(port, authDir, "{\"query\":\"{ departmentByName(name: \\\"" + name + "\\\") { name } }\"}");
            assertEquals(name, io.restassured.path.json.JsonPath.from(found).getString("data.departmentByName.name"), found);
        } finally {
            second.destroy(); // SIGTERM: the shutdown hook stops PostgreSQL
            assertTrue(second.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(dataDir.resolve("postmaster.pid")), "a clean stop leaves no server running");
        EmbeddedPostgres.deleteRecursively(dataDir.getParent());
    }

    private static Process launch(Path dataDir, Path authDir, int port) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Drelgraph.embedded.data-dir=" + dataDir,
                "-Drelgraph.auth.dir=" + authDir,
                "-Dquarkus.http.port=" + port,
                "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/persistent-embedded-it.log").toFile()));
        // no external server: this test is about the embedded default
        pb.environment().keySet().removeIf(k -> k.startsWith("DB_") || k.startsWith("QUARKUS_DATASOURCE"));
        return pb.start();
    }

    private static void awaitReady(int port, Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("relgraph exited: see target/persistent-embedded-it.log");
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
        throw new AssertionError("relgraph did not become ready within 60 s");
    }

    private static String post(int port, Path authDir, String json) throws Exception {
        String token = Files.readString(authDir.resolve("admin.token")).strip();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("content-type", "application/json").header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

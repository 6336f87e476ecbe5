package io.relgraph.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code java -jar} with no database configured keeps its data in a persistent embedded PostgreSQL:
 * created data survives a restart, even after {@code kill -9}, and a clean stop leaves no server.
 */
class PersistentEmbeddedDatabaseIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path LOG = Path.of("target/persistent-embedded-it.log");
    private static final String FLYWAY_SKIPPED = "Flyway not started";

    @Test
    void dataSurvivesKillMinusNineAndARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("relgraph-persist-it").resolve("data");
        // the jar's key directory beside its data, not relgraph-auth/ in the project
        Path authDir = dataDir.resolveSibling("auth");
        int port = PackagedApp.freePort();
        String name = "Durable-" + System.nanoTime();
        String logBefore = Files.exists(LOG) ? Files.readString(LOG) : ""; // the log is appended to, build after build

        PackagedApp first = launch(dataDir, authDir, port);
        try {
            String created = first.post("{\"query\":\"mutation { createDepartment(name: \\\"" + name + "\\\") { id name } }\"}").body();
            assertTrue(created.contains("\"name\":\"" + name + "\""), created);
        } finally {
            first.process.destroyForcibly().waitFor();
        }
        // the killed JVM left its PostgreSQL running: the next start must stop it cleanly and reuse the data
        assertTrue(Files.exists(dataDir.resolve("postmaster.pid")), "a server was left behind by kill -9");

        String adminToken = Files.readString(authDir.resolve("admin.token"));
        String logUpToRestart = Files.readString(LOG);
        assertFalse(logUpToRestart.substring(logBefore.length()).contains(FLYWAY_SKIPPED), "a fresh database is migrated by Flyway");
        PackagedApp second = launch(dataDir, authDir, port);
        try {
            // nothing pending: the restart does not start Flyway (db.MigrationCheck), and answers all the same
            assertTrue(Files.readString(LOG).substring(logUpToRestart.length()).contains(FLYWAY_SKIPPED),
                    "the restart on a migrated database skipped Flyway: see " + LOG);
            // the key and the admin token were kept: a token made before the restart still works
            assertEquals(adminToken, Files.readString(authDir.resolve("admin.token")));
            String found = second.post("{\"query\":\"{ departmentByName(name: \\\"" + name + "\\\") { name } }\"}").body();
            assertEquals(name, io.restassured.path.json.JsonPath.from(found).getString("data.departmentByName.name"), found);
        } finally {
            second.process.destroy(); // SIGTERM: the shutdown hook stops PostgreSQL
            assertTrue(second.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(dataDir.resolve("postmaster.pid")), "a clean stop leaves no server running");
        EmbeddedPostgres.deleteRecursively(dataDir.getParent());
    }

    /** {@code java -jar}, as plain as a user may run it (PackagedApp.launch runs the launcher script). */
    private static PackagedApp launch(Path dataDir, Path authDir, int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Drelgraph.embedded.data-dir=" + dataDir,
                "-Drelgraph.auth.dir=" + authDir,
                "-Dquarkus.http.port=" + port,
                "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
        // no external server: this test is about the embedded default
        pb.environment().keySet().removeIf(k -> k.startsWith("DB_") || k.startsWith("QUARKUS_DATASOURCE"));
        return PackagedApp.start(pb, port, LOG, authDir);
    }
}

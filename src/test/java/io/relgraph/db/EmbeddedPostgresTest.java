package io.relgraph.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

/**
 * The launcher itself, outside Quarkus: a data directory inside a folder only its owner may enter
 * (as under /root) still works when this JVM is root, because the server then runs in an unmapped
 * user namespace rather than as uid 65534, and stopping a persistent cluster keeps its data.
 */
class EmbeddedPostgresTest {

    @Test
    void aPersistentClusterInAPrivateFolderStartsStopsAndKeepsItsData() throws Exception {
        Path privateDir = Files.createTempDirectory("relgraph-private", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path data = privateDir.resolve("data");
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.start(EmbeddedPostgres.Mode.PERSISTENT, data, null);
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "")) {
                c.createStatement().execute("create table kept (v int); insert into kept values (42)");
            } finally {
                pg.stop();
            }
            assertFalse(Files.exists(data.resolve("postmaster.pid")), "stopped");
            assertTrue(Files.exists(data.resolve("PG_VERSION")), "a persistent cluster keeps its data");

            EmbeddedPostgres again = EmbeddedPostgres.start(EmbeddedPostgres.Mode.PERSISTENT, data, null);
            try (Connection c = DriverManager.getConnection(again.jdbcUrl(), "postgres", "");
                    ResultSet rs = c.createStatement().executeQuery("select v from kept")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            } finally {
                again.stop();
            }
        } finally {
            EmbeddedPostgres.deleteRecursively(privateDir);
        }
    }
}

package io.relgraph.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;

/**
 * A restart skips Flyway only when Flyway would have had nothing to do: the shipped migrations'
 * checksums are the ones Flyway itself wrote into this test database's history, and any difference
 * in a history (a changed file, a failed or unknown migration, no history, no server) lets Flyway run.
 */
@QuarkusTest
class MigrationCheckTest {

    private static String config(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse(null);
    }

    private static final String URL = config("quarkus.datasource.jdbc.url");
    private static final String USER = config("quarkus.datasource.username");
    private static final String PASSWORD = config("quarkus.datasource.password");

    @Test
    void theShippedMigrationsAreWhatFlywayRecordedInThisDatabase() {
        Map<String, Integer> recorded = new HashMap<>();
        for (var row : Database.rows("select version, checksum from flyway_schema_history where success")) {
            recorded.put((String) row.get("version"), (Integer) row.get("checksum"));
        }
        Map<String, Integer> shipped = MigrationCheck.shippedMigrations(Thread.currentThread().getContextClassLoader());
        assertNotNull(shipped, "the migrations could not be listed");
        assertEquals(recorded, shipped);
        assertTrue(MigrationCheck.upToDate(URL, USER, PASSWORD), "this database is migrated: nothing for Flyway to do");
    }

    @Test
    void anyDifferenceInTheHistoryLetsFlywayRun() throws SQLException {
        String db = "migration_check_" + System.nanoTime();
        Database.update("create database " + db);
        String scratch = URL.replaceFirst("/[^/?]+(\\?|$)", "/" + db + "$1");
        try {
            assertFalse(MigrationCheck.upToDate(scratch, USER, PASSWORD), "no history table");
            Map<String, Integer> shipped = MigrationCheck.shippedMigrations(Thread.currentThread().getContextClassLoader());
            try (Connection c = DriverManager.getConnection(scratch, USER, PASSWORD); Statement s = c.createStatement()) {
                s.execute("create table flyway_schema_history (version text, checksum int, success boolean, type text)");
                try (PreparedStatement insert = c.prepareStatement("insert into flyway_schema_history values (?, ?, true, 'SQL')")) {
                    for (var m : shipped.entrySet()) {
                        insert.setString(1, m.getKey());
                        insert.setInt(2, m.getValue());
                        insert.execute();
                    }
                }
                assertTrue(MigrationCheck.upToDate(scratch, USER, PASSWORD), "the same migrations, the same checksums");

                s.execute("update flyway_schema_history set checksum = checksum + 1 where version = '1'");
                assertFalse(MigrationCheck.upToDate(scratch, USER, PASSWORD), "an applied file that was changed since");
                s.execute("update flyway_schema_history set checksum = checksum - 1 where version = '1'");

                s.execute("update flyway_schema_history set success = false where version = '1'");
                assertFalse(MigrationCheck.upToDate(scratch, USER, PASSWORD), "a failed migration");
                s.execute("update flyway_schema_history set success = true where version = '1'");

                s.execute("insert into flyway_schema_history values ('999', 1, true, 'SQL')");
                assertFalse(MigrationCheck.upToDate(scratch, USER, PASSWORD), "a migration this build does not ship");
                s.execute("delete from flyway_schema_history where version = '999'");

                s.execute("delete from flyway_schema_history where version = (select max(version) from flyway_schema_history)");
                assertFalse(MigrationCheck.upToDate(scratch, USER, PASSWORD), "a migration still pending");
            }
            assertFalse(MigrationCheck.upToDate("jdbc:postgresql://127.0.0.1:1/none", USER, PASSWORD), "no server");
        } finally {
            Database.update("drop database if exists " + db + " with (force)");
        }
    }
}

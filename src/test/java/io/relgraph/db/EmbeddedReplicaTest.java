package io.relgraph.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/**
 * The launcher's replica, outside Quarkus: {@link EmbeddedPostgres#startReplica()} makes a hot standby
 * that streams from its primary (a row written there is read on the replica), refuses writes, holds
 * back while its replay is paused, and is removed by its stop. The replica tests of
 * {@code io.relgraph.replica} run the application against such a pair.
 */
class EmbeddedReplicaTest {

    @Test
    void aReplicaStreamsFromItsPrimaryAndHoldsBackWhilePaused() throws Exception {
        EmbeddedPostgres primary = EmbeddedPostgres.start(EmbeddedPostgres.Mode.EPHEMERAL, null, null);
        EmbeddedPostgres replica = null;
        try {
            try (Connection p = DriverManager.getConnection(primary.jdbcUrl(), "postgres", "")) {
                p.createStatement().execute("create table streamed (v int); insert into streamed values (1)");
            }
            replica = primary.startReplica();
            assertTrue(replica.port() != primary.port(), "another port");
            try (Connection p = DriverManager.getConnection(primary.jdbcUrl(), "postgres", "");
                    Connection r = DriverManager.getConnection(replica.jdbcUrl(), "postgres", "")) {
                assertTrue(bool(r, "select pg_is_in_recovery()"), "the replica is a standby");
                p.createStatement().execute("insert into streamed values (2)");
                String lsn = text(p, "select pg_current_wal_insert_lsn()::text");
                awaitReplayed(r, lsn);
                assertEquals(3, number(r, "select sum(v) from streamed"), "the replica has both rows");

                r.createStatement().execute("select pg_wal_replay_pause()");
                p.createStatement().execute("insert into streamed values (4)");
                String paused = text(p, "select pg_current_wal_insert_lsn()::text");
                Thread.sleep(300);
                assertFalse(bool(r, "select pg_last_wal_replay_lsn() >= '" + paused + "'::pg_lsn"), "paused replay holds back");
                assertEquals(3, number(r, "select sum(v) from streamed"), "the paused replica still shows the old rows");
                r.createStatement().execute("select pg_wal_replay_resume()");
                awaitReplayed(r, paused);
                assertEquals(7, number(r, "select sum(v) from streamed"));

                try (Statement st = r.createStatement()) {
                    st.execute("insert into streamed values (8)");
                    throw new AssertionError("a standby accepted a write");
                } catch (SQLException expected) {
                    assertEquals("25006", expected.getSQLState(), "read-only transaction");
                }
            }
            var replicaDir = replica.dataDir();
            replica.stop();
            assertFalse(Files.exists(replicaDir), "a stopped replica's files are removed");
        } finally {
            if (replica != null) {
                replica.stop();
            }
            primary.stop();
        }
    }

    private static void awaitReplayed(Connection replica, String lsn) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (bool(replica, "select pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the replica did not replay " + lsn + " within 15 s");
    }

    private static boolean bool(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static long number(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

package io.relgraph.replica;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

import io.relgraph.db.EmbeddedPostgres;

/** The pair of {@link ReplicaPair} seen from the tests: plain JDBC to each server, what each has run. */
final class Servers {

    private Servers() {
    }

    static int primaryPort() {
        return Integer.parseInt(System.getProperty(ReplicaPair.PRIMARY_PORT));
    }

    static int replicaPort() {
        return Integer.parseInt(System.getProperty(ReplicaPair.REPLICA_PORT));
    }

    /** The application's name for the replica (the {@code target} tag of relgraph_db_reads_total). */
    static String replicaName() {
        return "127.0.0.1:" + replicaPort();
    }

    /** A handle to stop and start the replica's server. */
    static EmbeddedPostgres replica() {
        return EmbeddedPostgres.attach(java.nio.file.Path.of(System.getProperty(ReplicaPair.REPLICA_DATA)), replicaPort());
    }

    static Object onPrimary(String sql) {
        return value(primaryPort(), sql);
    }

    static Object onReplica(String sql) {
        return value(replicaPort(), sql);
    }

    /**
     * Statements on the department table that a server has run (pg_stat_statements, which counts on a
     * standby too, per server): the application's reads of departments, nothing of the probes or of
     * these counts.
     */
    static long departmentStatements(int port) {
        return ((Number) value(port, "select coalesce(sum(calls), 0) from pg_stat_statements where query ilike '%department%'"
                + " and query not ilike '%pg_stat_statements%'")).longValue();
    }

    /** Whether the replica has replayed the primary's WAL up to {@code lsn}. */
    static boolean replayed(String lsn) {
        return Boolean.TRUE.equals(onReplica("select pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn"));
    }

    /** Waits (at most 60 s: a bound for a loaded machine, not a measure) until {@code condition} holds. */
    static void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within 60 s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** One of the application's Prometheus values (0 when it is not there yet). */
    static double metric(String name) {
        try {
            return io.relgraph.events.Metrics.value(io.restassured.RestAssured.port, name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(int port, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

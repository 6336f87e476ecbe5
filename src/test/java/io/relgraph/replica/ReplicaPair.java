package io.relgraph.replica;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.relgraph.db.EmbeddedPostgres;

/**
 * The application on a primary and one streaming replica of its own: a throw-away embedded PostgreSQL
 * and its hot standby ({@link EmbeddedPostgres#startReplica()}), the replica named as the application's
 * read replica. Probed every 200 ms; lag never skips it here (max-lag 1 h), so that a paused replica
 * stays in use and only the read-your-writes rule keeps a client from its stale answers.
 *
 * <p>With {@code DB_URL} set (CI's run on an external server) these tests still use a pair of their
 * own: a replica of an external server would need replication rights and its pg_hba.conf, which a
 * test cannot assume; what they test is relgraph's routing, which is the same on any server.
 */
public class ReplicaPair implements QuarkusTestProfile {

    static final String PRIMARY_PORT = "relgraph.test.replica.primary-port";
    static final String REPLICA_PORT = "relgraph.test.replica.replica-port";
    static final String REPLICA_DATA = "relgraph.test.replica.replica-data";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("relgraph.db.replica.probe-interval", "200ms", "relgraph.db.replica.max-lag", "1h");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Servers.class));
    }

    /** Starts the pair before the application and stops it after. */
    public static class Servers implements QuarkusTestResourceLifecycleManager {

        private EmbeddedPostgres primary;
        private EmbeddedPostgres replica;

        @Override
        public Map<String, String> start() {
            primary = EmbeddedPostgres.start(EmbeddedPostgres.Mode.EPHEMERAL, null, null);
            try (Connection c = DriverManager.getConnection(primary.jdbcUrl(), "postgres", "")) {
                // created before the copy, so the replica has it too (its counts are its own)
                c.createStatement().execute("create extension if not exists pg_stat_statements");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            replica = primary.startReplica();
            System.setProperty(PRIMARY_PORT, Integer.toString(primary.port()));
            System.setProperty(REPLICA_PORT, Integer.toString(replica.port()));
            System.setProperty(REPLICA_DATA, replica.dataDir().toString());
            return Map.of("quarkus.datasource.reactive.url", primary.reactiveUrl(), "quarkus.datasource.jdbc.url", primary.jdbcUrl(),
                    "quarkus.datasource.username", "postgres", "relgraph.db.replica.urls", replica.reactiveUrl());
        }

        @Override
        public void stop() {
            if (replica != null) {
                replica.stop();
            }
            if (primary != null) {
                primary.stop();
            }
        }
    }
}

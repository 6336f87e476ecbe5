package io.relgraph.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.GraphQL;
import io.restassured.response.Response;

/**
 * A replica further behind than {@code relgraph.db.replica.max-lag} (1 s here) is skipped: with its
 * replay paused after a write, its lag grows past the limit, its reads go to the primary (counted as
 * skips for lag, no error, the fresh answer), and once replay resumes and it catches up it answers again.
 */
@QuarkusTest
@TestProfile(LaggingReplicaTest.OneSecond.class)
class LaggingReplicaTest {

    /** The pair of {@link ReplicaPair}, with a lag limit of 1 s. */
    public static class OneSecond extends ReplicaPair {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("relgraph.db.replica.max-lag", "1s");
            return overrides;
        }
    }

    @Test
    void aReplicaTooFarBehindIsSkippedUntilItCatchesUp() {
        String replica = Servers.replicaName();
        String lag = "relgraph_db_replica_lag_seconds{replica=\"" + replica + "\"}";
        String lagSkips = "relgraph_db_replica_skips_total{reason=\"lag\",replica=\"" + replica + "\"}";
        Servers.await("the replica answers its probe", () -> Servers.metric("relgraph_db_replica_up{replica=\"" + replica + "\"}") == 1);
        String name = GraphQL.unique("Lagging");
        String first = Requests.createDepartment(name).header(ReadReplicas.LSN_HEADER);
        Servers.await("the replica replays the write", () -> Servers.replayed(first));

        Servers.onReplica("select pg_wal_replay_pause()");
        try {
            String renamed = GraphQL.unique("Renamed");
            long id = ((Number) Servers.onPrimary("select id from department where name = '" + name + "'")).longValue();
            String second = Requests.post("mutation($id: ID!, $n: String!) { renameDepartment(id: $id, name: $n) { name } }",
                    Requests.vars("id", String.valueOf(id), "n", renamed)).header(ReadReplicas.LSN_HEADER);
            Servers.await("the probe finds the paused replica more than 1 s behind", () -> Servers.metric(lag) > 1);
            assertEquals(0L, ((Number) Servers.onReplica("select count(*) from department where name = '" + renamed + "'")).longValue(),
                    "the replica has not replayed the rename: " + second);

            double skipped = Servers.metric(lagSkips);
            long onPrimary = Servers.departmentStatements(Servers.primaryPort());
            long onReplica = Servers.departmentStatements(Servers.replicaPort());
            Response read = Requests.post(Requests.BY_NAME, Requests.vars("n", renamed));
            assertNull(read.jsonPath().get("errors"), read.asString());
            assertEquals("primary", read.header(ReadReplicas.READ_HEADER));
            assertEquals(renamed, read.jsonPath().getString("data.departmentByName.name"), "the fresh answer, without any position sent");
            assertEquals(skipped + 1, Servers.metric(lagSkips), "skipped for its lag");
            assertEquals(onPrimary + 1, Servers.departmentStatements(Servers.primaryPort()));
            assertEquals(onReplica, Servers.departmentStatements(Servers.replicaPort()));
        } finally {
            Servers.onReplica("select pg_wal_replay_resume()");
        }
        Servers.await("the replica catches up and answers again", () -> "replica".equals(
                Requests.post(Requests.BY_NAME, Requests.vars("n", name)).header(ReadReplicas.READ_HEADER)));
    }
}

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
 * The hardest case of a replica's outage: no probe has noticed it yet (here the replica is probed only
 * at start), so the read is sent to the stopped replica, fails there, and is run again on the primary:
 * the client gets its answer, no error; the failure is counted ({@code reason="failed"}) and the replica
 * is skipped as down from then on. ({@link ReplicaOutageTest} covers the probe noticing and the replica
 * coming back.)
 */
@QuarkusTest
@TestProfile(ReplicaFailureRetriedOnPrimaryTest.ProbedOnce.class)
class ReplicaFailureRetriedOnPrimaryTest {

    /** The pair of {@link ReplicaPair}, its replica probed at start and then not for an hour. */
    public static class ProbedOnce extends ReplicaPair {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("relgraph.db.replica.probe-interval", "1h");
            return overrides;
        }
    }

    @Test
    void aReadThatFailsOnTheReplicaIsAnsweredByThePrimary() {
        String replica = Servers.replicaName();
        Servers.await("the replica answers its first probe", () -> Servers.metric("relgraph_db_replica_up{replica=\"" + replica + "\"}") == 1);
        String name = GraphQL.unique("Failover");
        String lsn = Requests.createDepartment(name).header(ReadReplicas.LSN_HEADER);
        Servers.await("the replica replays the write", () -> Servers.replayed(lsn));
        assertEquals("replica", Requests.post(Requests.BY_NAME, Requests.vars("n", name)).header(ReadReplicas.READ_HEADER));

        Servers.replica().stopServerOnly();
        assertEquals(1.0, Servers.metric("relgraph_db_replica_up{replica=\"" + replica + "\"}"), "no probe has noticed");
        long onPrimary = Servers.departmentStatements(Servers.primaryPort());
        Response read = Requests.post(Requests.BY_NAME, Requests.vars("n", name));
        assertNull(read.jsonPath().get("errors"), read.asString());
        assertEquals(name, read.jsonPath().getString("data.departmentByName.name"), read.asString());
        assertEquals("primary", read.header(ReadReplicas.READ_HEADER), "run again on the primary");
        assertEquals(onPrimary + 1, Servers.departmentStatements(Servers.primaryPort()));
        assertEquals(1.0, Servers.metric("relgraph_db_replica_skips_total{reason=\"failed\",replica=\"" + replica + "\"}"));
        assertEquals(0.0, Servers.metric("relgraph_db_replica_up{replica=\"" + replica + "\"}"), "down from then on");

        Response next = Requests.post(Requests.BY_NAME, Requests.vars("n", name), "X-Relgraph-Engine", "resolver");
        assertNull(next.jsonPath().get("errors"), next.asString());
        assertEquals("primary", next.header(ReadReplicas.READ_HEADER));
        assertEquals(1.0, Servers.metric("relgraph_db_replica_skips_total{reason=\"down\",replica=\"" + replica + "\"}"),
                "skipped as down, not tried");
    }
}

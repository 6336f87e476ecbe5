package io.relgraph.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.GraphQL;
import io.relgraph.db.EmbeddedPostgres;
import io.restassured.response.Response;

/**
 * A replica that stops is no client's problem: the reads sent to it before any probe noticed are run
 * again on the primary, later ones go there directly, all answered without an error; the replica
 * that comes back is used again.
 */
@QuarkusTest
@TestProfile(ReplicaPair.class)
class ReplicaOutageTest {

    private static final String UP = "relgraph_db_replica_up{replica=\"%s\"}";

    @Test
    void aStoppedReplicaSendsReadsToThePrimaryAndIsUsedAgainWhenBack() {
        String up = String.format(UP, Servers.replicaName());
        Servers.await("the replica answers its probe", () -> Servers.metric(up) == 1);
        String name = GraphQL.unique("Outage");
        String lsn = Requests.createDepartment(name).header(ReadReplicas.LSN_HEADER);
        Servers.await("the replica replays the write", () -> Servers.replayed(lsn));
        Response before = Requests.post(Requests.BY_NAME, Requests.vars("n", name));
        assertEquals("replica", before.header(ReadReplicas.READ_HEADER));

        EmbeddedPostgres replica = Servers.replica();
        replica.stopServerOnly();
        try {
            long primaryReads = Servers.departmentStatements(Servers.primaryPort());
            // at once, before a probe may have noticed: compiled and resolved reads, none an error
            for (int i = 0; i < 3; i++) {
                Response compiled = Requests.post(Requests.BY_NAME, Requests.vars("n", name));
                assertNull(compiled.jsonPath().get("errors"), compiled.asString());
                assertEquals(name, compiled.jsonPath().getString("data.departmentByName.name"), compiled.asString());
                assertEquals("primary", compiled.header(ReadReplicas.READ_HEADER));
                Response resolved = Requests.post(Requests.BY_NAME, Requests.vars("n", name), "X-Relgraph-Engine", "resolver");
                assertNull(resolved.jsonPath().get("errors"), resolved.asString());
                assertEquals(name, resolved.jsonPath().getString("data.departmentByName.name"), resolved.asString());
                assertEquals("primary", resolved.header(ReadReplicas.READ_HEADER));
            }
            assertTrue(Servers.departmentStatements(Servers.primaryPort()) >= primaryReads + 6, "answered by the primary");
            Servers.await("the probe finds the replica down", () -> Servers.metric(up) == 0);
            Response whileDown = Requests.post(Requests.BY_NAME, Requests.vars("n", name));
            assertNull(whileDown.jsonPath().get("errors"), whileDown.asString());
            assertEquals("primary", whileDown.header(ReadReplicas.READ_HEADER));
            assertTrue(Servers.metric("relgraph_db_replica_skips_total{reason=\"down\",replica=\"" + Servers.replicaName() + "\"}") >= 1,
                    "skips of a down replica are counted");
        } finally {
            replica.restartServerOnly();
        }
        Servers.await("the probe finds the replica again", () -> Servers.metric(up) == 1);
        long replicaReads = Servers.departmentStatements(Servers.replicaPort());
        Response after = Requests.post(Requests.BY_NAME, Requests.vars("n", name));
        assertEquals("replica", after.header(ReadReplicas.READ_HEADER), "used again");
        assertEquals(name, after.jsonPath().getString("data.departmentByName.name"), after.asString());
        assertEquals(replicaReads + 1, Servers.departmentStatements(Servers.replicaPort()), "read on the replica");
    }
}

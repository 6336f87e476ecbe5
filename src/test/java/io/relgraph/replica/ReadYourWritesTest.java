package io.relgraph.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.GraphQL;
import io.restassured.response.Response;

/**
 * Read-your-writes against a replica whose replay is paused ({@code pg_wal_replay_pause()}): the
 * replica still answers reads (lag never skips it in this profile), so a read without the mutation's
 * position gets its stale answer, and the same read sending the position back
 * ({@code X-Relgraph-Min-Lsn}) is answered by the primary and sees the write. Once replay resumes
 * and reaches the position, the replica answers that read again. A malformed position is refused.
 */
@QuarkusTest
@TestProfile(ReplicaPair.class)
class ReadYourWritesTest {

    private static final String SKIPS_LSN = "relgraph_db_replica_skips_total{reason=\"lsn\",replica=\"%s\"}";

    @Test
    void aReadWithTheMutationsPositionSeesTheWriteWhileTheReplicaIsPaused() {
        Servers.await("the replica answers its probe", () -> Servers.metric("relgraph_db_replica_up{replica=\"" + Servers.replicaName() + "\"}") == 1);
        String name = GraphQL.unique("Ryw");
        Servers.onReplica("select pg_wal_replay_pause()");
        try {
            Servers.await("replay paused", () -> Boolean.TRUE.equals(Servers.onReplica("select pg_get_wal_replay_pause_state() = 'paused'")));
            Response created = Requests.createDepartment(name);
            String lsn = created.header(ReadReplicas.LSN_HEADER);
            assertNotNull(lsn, created.headers().toString());
            long id = created.jsonPath().getLong("data.createDepartment.id");
            assertEquals(1L, ((Number) Servers.onPrimary("select count(*) from department where id = " + id)).longValue(), "written");
            assertEquals(0L, ((Number) Servers.onReplica("select count(*) from department where id = " + id)).longValue(),
                    "not replayed on the paused replica");
            assertFalse(Servers.replayed(lsn));

            Response stale = Requests.post(Requests.BY_NAME, Requests.vars("n", name));
            assertEquals("replica", stale.header(ReadReplicas.READ_HEADER));
            assertNull(stale.jsonPath().get("data.departmentByName"), "without the position: the replica's stale answer " + stale.asString());

            double lsnSkips = Servers.metric(String.format(SKIPS_LSN, Servers.replicaName()));
            long primaryReads = Servers.departmentStatements(Servers.primaryPort());
            long replicaReads = Servers.departmentStatements(Servers.replicaPort());
            Response fresh = Requests.post(Requests.BY_NAME, Requests.vars("n", name), ReadReplicas.MIN_LSN_HEADER, lsn);
            assertEquals("primary", fresh.header(ReadReplicas.READ_HEADER));
            assertEquals(name, fresh.jsonPath().getString("data.departmentByName.name"), "with the position: the write " + fresh.asString());
            assertEquals(id, fresh.jsonPath().getLong("data.departmentByName.id"));
            assertEquals(lsnSkips + 1, Servers.metric(String.format(SKIPS_LSN, Servers.replicaName())), "counted as skipped for the position");
            assertEquals(primaryReads + 1, Servers.departmentStatements(Servers.primaryPort()), "read on the primary");
            assertEquals(replicaReads, Servers.departmentStatements(Servers.replicaPort()), "not on the replica");

            // the resolver engine's reads follow the same rule
            Response resolved = Requests.post(Requests.BY_NAME, Requests.vars("n", name), ReadReplicas.MIN_LSN_HEADER, lsn,
                    "X-Relgraph-Engine", "resolver");
            assertEquals("primary", resolved.header(ReadReplicas.READ_HEADER));
            assertEquals(name, resolved.jsonPath().getString("data.departmentByName.name"), resolved.asString());
        } finally {
            Servers.onReplica("select pg_wal_replay_resume()");
        }
        Response created = Requests.createDepartment(GraphQL.unique("RywAfter"));
        String later = created.header(ReadReplicas.LSN_HEADER);
        Servers.await("the replica replays the later write", () -> Servers.replayed(later));
        Response caughtUp = Requests.post(Requests.BY_NAME, Requests.vars("n", name), ReadReplicas.MIN_LSN_HEADER, later);
        assertEquals("replica", caughtUp.header(ReadReplicas.READ_HEADER), "a replica that has replayed the position answers");
        assertEquals(name, caughtUp.jsonPath().getString("data.departmentByName.name"), caughtUp.asString());
    }

    @Test
    void aMalformedPositionIsRefusedBeforeAnyRead() {
        long primaryReads = Servers.departmentStatements(Servers.primaryPort());
        long replicaReads = Servers.departmentStatements(Servers.replicaPort());
        for (String bad : new String[] {"latest", "16B3748", "0/", "1/2/3", "G/0", "123456789/0", "0/0"}) {
            Response r = Requests.post(Requests.BY_NAME, Requests.vars("n", "x"), ReadReplicas.MIN_LSN_HEADER, bad);
            assertEquals("VALIDATION", r.jsonPath().getString("errors[0].extensions.code"), bad + ": " + r.asString());
            assertTrue(r.jsonPath().getString("errors[0].message").contains(ReadReplicas.MIN_LSN_HEADER), r.asString());
            assertNull(r.jsonPath().get("data"), r.asString());
        }
        assertEquals(primaryReads, Servers.departmentStatements(Servers.primaryPort()), "nothing read on the primary");
        assertEquals(replicaReads, Servers.departmentStatements(Servers.replicaPort()), "nothing read on the replica");
    }
}

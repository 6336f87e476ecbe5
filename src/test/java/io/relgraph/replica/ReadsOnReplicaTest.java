package io.relgraph.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.GraphQL;
import io.restassured.response.Response;

/**
 * With a replica configured, queries are answered by the replica and writes by the primary: each
 * server's own statement statistics (pg_stat_statements, per server) count the department reads of
 * compiled and resolver-engine queries on the replica and none on the primary, and a mutation's
 * statements, its payload's read included, on the primary and none on the replica. The mutation's
 * response names its commit's position; the metrics count the reads per target.
 */
@QuarkusTest
@TestProfile(ReplicaPair.class)
class ReadsOnReplicaTest {

    @Test
    void queriesAreAnsweredByTheReplicaAndMutationsByThePrimary() throws Exception {
        Servers.await("the replica answers its probe", () -> metric("relgraph_db_replica_up{replica=\"" + Servers.replicaName() + "\"}") == 1);
        String name = GraphQL.unique("OnReplica");

        long primaryBefore = Servers.departmentStatements(Servers.primaryPort());
        long replicaBefore = Servers.departmentStatements(Servers.replicaPort());
        Response created = Requests.createDepartment(name);
        String lsn = created.header(ReadReplicas.LSN_HEADER);
        assertNotNull(lsn, "a mutation's response carries its commit's position");
        assertTrue(Lsn.parse(lsn) > 0, lsn);
        assertNull(created.header(ReadReplicas.READ_HEADER), "a mutation is no routed read");
        assertTrue(Servers.departmentStatements(Servers.primaryPort()) > primaryBefore, "the mutation ran on the primary");
        assertEquals(replicaBefore, Servers.departmentStatements(Servers.replicaPort()), "nothing of the mutation, payload included, on the replica");
        assertEquals(1L, ((Number) Servers.onPrimary("select count(*) from department where name = '" + name + "'")).longValue());

        Servers.await("the replica replays the mutation", () -> Servers.replayed(lsn));
        assertEquals(1L, ((Number) Servers.onReplica("select count(*) from department where name = '" + name + "'")).longValue(),
                "streamed to the replica");

        double replicaReads = metric("relgraph_db_reads_total{target=\"" + Servers.replicaName() + "\"}");
        long primaryAfterWrite = Servers.departmentStatements(Servers.primaryPort());
        long replicaAfterWrite = Servers.departmentStatements(Servers.replicaPort());
        for (int i = 0; i < 3; i++) {
            Response read = Requests.post(Requests.BY_NAME, Requests.vars("n", name));
            assertEquals(name, read.jsonPath().getString("data.departmentByName.name"), read.asString());
            assertEquals("compiled", read.header("X-Relgraph-Engine"));
            assertEquals("replica", read.header(ReadReplicas.READ_HEADER));
        }
        Response resolved = Requests.post("query($n: String!) { departmentByName(name: $n) { name employees { name } } }",
                Requests.vars("n", name), "X-Relgraph-Engine", "resolver");
        assertEquals(name, resolved.jsonPath().getString("data.departmentByName.name"), resolved.asString());
        assertEquals("resolver", resolved.header("X-Relgraph-Engine"));
        assertEquals("replica", resolved.header(ReadReplicas.READ_HEADER));

        assertEquals(primaryAfterWrite, Servers.departmentStatements(Servers.primaryPort()), "no read on the primary");
        assertTrue(Servers.departmentStatements(Servers.replicaPort()) >= replicaAfterWrite + 4,
                "three compiled statements and the resolver's on the replica");
        assertEquals(replicaReads + 4, metric("relgraph_db_reads_total{target=\"" + Servers.replicaName() + "\"}"),
                "four queries counted for the replica");
    }

    private static double metric(String name) {
        return Servers.metric(name);
    }
}

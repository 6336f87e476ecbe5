package io.relgraph.replica;

import static io.relgraph.GraphQL.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.auth.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Every mutation's response carries {@code X-Relgraph-Lsn}, without replicas too (this class runs the
 * default profile: no {@code DB_READ_URL}), on each path a mutation takes: the runner's hot autocommit
 * write (the position pipelined behind it), a payload read in the runner's transaction, a service's own
 * transaction, and the resolver engine (asked for, or a mutation of two root fields, which the runner
 * does not take). Checked against the server: the position lies between {@code pg_current_wal_insert_lsn()}
 * read just before the request and just after it, and, where pg_walinspect can be used (the embedded
 * server), at or past the end of the write's own commit record in the WAL, which a position read inside
 * the write (by {@code RETURNING}, or in its transaction) would be short of. A mutation that ran carries
 * it also when its field failed; a request refused before it ran carries none and reads none.
 */
@QuarkusTest
class CommitPositionTest {

    private static final String UPDATE_LINK = "mutation($d: ID!, $e: ID!, $x: String) { updateLink(departmentId: $d, employeeId: $e, extraData: $x) %s }";

    @Test
    void theRunnersHotWriteCarriesThePositionAfterItsCommit() {
        Link link = link();
        Written w = mutate(UPDATE_LINK.formatted("{ extraData }"), false, "d", link.department, "e", link.employee, "x", unique("hot"));
        assertEquals("compiled", w.response.header("X-Relgraph-Engine"));
        w.isAfterCommitOf(link.writer());
    }

    @Test
    void aPayloadReadInTheRunnersTransactionCarriesThePositionAfterItsCommit() {
        Link link = link();
        Written w = mutate(UPDATE_LINK.formatted("{ extraData department { name employeeLinks(first: 5) { extraData } } }"), false,
                "d", link.department, "e", link.employee, "x", unique("tx"));
        assertEquals("compiled", w.response.header("X-Relgraph-Engine"));
        w.isAfterCommitOf(link.writer());
    }

    @Test
    void aServicesOwnTransactionCarriesThePositionAfterItsCommit() {
        String name = unique("Positioned");
        Written w = mutate("mutation($n: String!) { createDepartment(name: $n) { id name } }", false, "n", name);
        assertEquals("compiled", w.response.header("X-Relgraph-Engine"));
        w.isAfterCommitOf(Wal.writer("department", "name = ?", name));
    }

    @Test
    void theResolverEnginesMutationsCarryThePositionAfterTheirLastCommit() {
        Link link = link();
        Written asked = mutate(UPDATE_LINK.formatted("{ extraData }"), true, "d", link.department, "e", link.employee, "x", unique("res"));
        assertEquals("resolver", asked.response.header("X-Relgraph-Engine"));
        asked.isAfterCommitOf(link.writer());

        // two root fields: the runner does not take it; each field commits on its own, the position is after both
        String name = unique("TwoFields");
        Written two = mutate("mutation($a: String!, $b: String!) { x: createDepartment(name: $a) { id } y: createDepartment(name: $b) { id } }",
                false, "a", name + "-x", "b", name + "-y");
        assertEquals("resolver", two.response.header("X-Relgraph-Engine"));
        two.isAfterCommitOf(Wal.writer("department", "name = ?", name + "-x"));
        two.isAfterCommitOf(Wal.writer("department", "name = ?", name + "-y"));
    }

    @Test
    void aMutationWhoseFieldFailedCarriesItAndARefusedRequestNone() {
        Link link = link();
        // ran, wrote nothing (not linked): a field's error is an answer of a mutation that ran; the position is harmless
        Written missing = mutate(UPDATE_LINK.formatted("{ extraData }"), false, "d", link.department, "e", 999_999_999L, "x", "x");
        assertEquals("NOT_FOUND", JsonPath.from(missing.response.asString()).getString("errors[0].extensions.code"), missing.response.asString());
        missing.isBetweenTheReads();
        Written missingResolved = mutate(UPDATE_LINK.formatted("{ extraData }"), true, "d", link.department, "e", 999_999_999L, "x", "x");
        assertEquals("NOT_FOUND", JsonPath.from(missingResolved.response.asString()).getString("errors[0].extensions.code"));
        missingResolved.isBetweenTheReads();

        // refused by the request's checks before anything ran: no position
        Response refused = send(UPDATE_LINK.formatted("{ extraData }"), false, "d", "not a number", "e", link.employee, "x", "x");
        assertEquals("refused", refused.header("X-Relgraph-Engine"), refused.asString());
        assertEquals("VALIDATION", JsonPath.from(refused.asString()).getString("errors[0].extensions.code"), refused.asString());
        assertNull(refused.header(ReadReplicas.LSN_HEADER), "nothing ran, no position");
    }

    /** One read of the position per mutation, whichever path; none for a refused one. Counted by PostgreSQL (pg_stat_statements). */
    @Test
    void eachMutationReadsItsPositionOnceAndARefusedOneNone() {
        Database.requirePgStatStatements();
        Link link = link();
        List<Object[]> mutations = List.of(
                new Object[] { UPDATE_LINK.formatted("{ extraData }"), false, "d", link.department, "e", link.employee, "x", "a" },
                new Object[] { UPDATE_LINK.formatted("{ extraData department { name } }"), false, "d", link.department, "e", link.employee, "x", "b" },
                new Object[] { "mutation($n: String!) { createDepartment(name: $n) { id } }", false, "n", unique("Once") },
                new Object[] { UPDATE_LINK.formatted("{ extraData }"), true, "d", link.department, "e", link.employee, "x", "c" });
        for (Object[] m : mutations) {
            send((String) m[0], (Boolean) m[1], java.util.Arrays.copyOfRange(m, 2, m.length)); // prepared statements, plans
            Database.resetStatementCounts();
            Response r = send((String) m[0], (Boolean) m[1], java.util.Arrays.copyOfRange(m, 2, m.length));
            assertNotNull(r.header(ReadReplicas.LSN_HEADER), r.asString());
            assertEquals(1L, Database.commitPositionReads(), m[0] + (((Boolean) m[1]) ? " (resolver)" : ""));
        }
        Database.resetStatementCounts();
        send(UPDATE_LINK.formatted("{ extraData }"), false, "d", "not a number", "e", link.employee, "x", "x");
        assertEquals(0L, Database.commitPositionReads(), "a refused request reads no position");
    }

    // ---------------------------------------------------------------------------------------------

    private record Link(long department, long employee) {

        String writer() {
            return Wal.writer("department_employee_link", "department_id = ? and employee_id = ?", department, employee);
        }
    }

    /** A department and an employee, linked (beside the API). */
    private static Link link() {
        String name = unique("Lsn");
        long department = ((Number) Database.value("insert into department (name) values (?) returning id", name)).longValue();
        long employee = ((Number) Database.value("insert into employee (name) values (?) returning id", name)).longValue();
        Database.update("insert into department_employee_link (department_id, employee_id, extra_data) values (?, ?, 'x')", department, employee);
        return new Link(department, employee);
    }

    /** A response and the server's insert position read just before the request and just after it. */
    private record Written(Response response, long before, long after) {

        long position() {
            String header = response.header(ReadReplicas.LSN_HEADER);
            assertNotNull(header, "every mutation's response carries " + ReadReplicas.LSN_HEADER + ": " + response.headers());
            long position = Lsn.parse(header);
            assertTrue(position > 0, "a WAL position: " + header);
            return position;
        }

        void isBetweenTheReads() {
            long position = position();
            assertTrue(Lsn.atLeast(position, before), Lsn.format(position) + " is not before the request's start " + Lsn.format(before));
            assertTrue(Lsn.atLeast(after, position), Lsn.format(position) + " is not after the response " + Lsn.format(after));
        }

        /** Between the reads, and at or past the end of transaction {@code xid}'s commit record where the WAL can be read. */
        void isAfterCommitOf(String xid) {
            isBetweenTheReads();
            long commitEnd = Wal.commitRecordEnd(xid, before, after);
            if (commitEnd >= 0) {
                assertTrue(Lsn.atLeast(position(), commitEnd), "the position " + Lsn.format(position()) + " is short of the end of transaction "
                        + xid + "'s commit record, " + Lsn.format(commitEnd) + ": read before the commit");
            }
        }
    }

    private static Written mutate(String document, boolean resolver, Object... variables) {
        long before = Wal.insertPosition();
        Response r = send(document, resolver, variables);
        long after = Wal.insertPosition();
        return new Written(r, before, after);
    }

    private static Response send(String document, boolean resolver, Object... variables) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        var request = given().contentType(ContentType.JSON).accept(ContentType.JSON).header("Authorization", TestTokens.bearer(TestTokens.admin()));
        if (resolver) {
            request = request.header("X-Relgraph-Engine", "resolver");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", document);
        body.put("variables", vars);
        Response response = request.body(body).when().post("/graphql");
        response.then().statusCode(200);
        return response;
    }
}

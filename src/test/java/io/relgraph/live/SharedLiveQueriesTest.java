package io.relgraph.live;

import static io.relgraph.GraphQL.ok;
import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.employee;
import static io.relgraph.events.Fixtures.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQLWebSocket;
import io.relgraph.events.Metrics;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/**
 * Subscribers of the same document and variables share one live query: a change costs one statement
 * for all of them (counted by the application's metric and by PostgreSQL's pg_stat_statements), and a
 * burst of commits is coalesced into a few re-runs whose last answer is the state after the burst.
 */
@QuarkusTest
class SharedLiveQueriesTest {

    private static final String LINKS = """
            subscription($id: ID!) { department(id: $id) { name employeeLinks { extraData employee { name } } } }""";
    private static final int SUBSCRIBERS = 20;

    @Test
    void subscribersOfOneQueryShareOneStatementPerChange() throws Exception {
        Database.requirePgStatStatements();
        long it = department("Shared");
        long john = employee("John");
        link(it, john, "0");
        try (GraphQLWebSocket a = GraphQLWebSocket.connect(); GraphQLWebSocket b = GraphQLWebSocket.connect()) {
            List<GraphQLWebSocket.Subscription> live = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                live.add((i % 2 == 0 ? a : b).subscribeNow(LINKS, "id", Long.toString(it)));
            }
            for (var s : live) {
                assertEquals("0", extraData(s.next()));
            }
            assertEquals(1, liveQueriesOf(it), "one live query for " + SUBSCRIBERS + " subscribers");
            double runs = metric("relgraph_live_runs_total");
            Database.resetStatementCounts();

            Database.update("update department_employee_link set extra_data = '1' where department_id = ?", it);
            for (var s : live) {
                assertEquals("1", extraData(s.next()), "every subscriber gets the new answer");
            }
            assertEquals(1, metric("relgraph_live_runs_total") - runs, "one re-run for all subscribers");
            assertEquals(1, Database.count("select coalesce(sum(calls), 0) from pg_stat_statements where query like '%json_build_object%'"),
                    "PostgreSQL ran the live query's statement once");
        }
    }

    @Test
    void aBurstOfCommitsIsCoalescedAndTheLastAnswerIsTheStateAfterIt() throws Exception {
        long it = department("Burst");
        long john = employee("John");
        link(it, john, "0");
        int commits = 200;
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var live = client.subscribeNow(LINKS, "id", Long.toString(it));
            assertEquals("0", extraData(live.next()));
            double runs = metric("relgraph_live_runs_total");

            // 200 transactions, each committed (a DO block may commit when it is not inside a transaction itself)
            Database.update("do $$ begin for i in 1.." + commits + " loop update department_employee_link set extra_data = i::text "
                    + "where department_id = " + it + "; commit; end loop; end $$");
            int messages = 0;
            String last;
            do {
                last = extraData(live.next());
                messages++;
            } while (!last.equals(Integer.toString(commits)));
            double reRuns = metric("relgraph_live_runs_total") - runs;
            assertTrue(reRuns >= 1 && reRuns < commits / 4.0, commits + " commits re-ran the live query " + reRuns + " times");
            assertTrue(messages <= reRuns, messages + " messages for " + reRuns + " re-runs");
            assertEquals(Integer.toString(commits), Database.value("select extra_data from department_employee_link where department_id = ?", it));
            assertEquals(new JsonObject(ok(LINKS.replace("subscription", "query"), "id", Long.toString(it)).getMap("data")),
                    new JsonObject().put("department", new JsonObject().put("name", io.relgraph.events.Fixtures.departmentName(it))
                            .put("employeeLinks", new io.vertx.core.json.JsonArray().add(new JsonObject().put("extraData", last)
                                    .put("employee", new JsonObject().put("name", "John"))))),
                    "the last message equals a fresh query");
        }
    }

    private static long liveQueriesOf(long department) throws Exception {
        return (long) metric("relgraph_live_queries");
    }

    private static String extraData(JsonObject data) {
        return data.getJsonObject("department").getJsonArray("employeeLinks").getJsonObject(0).getString("extraData");
    }

    private static double metric(String name) throws Exception {
        return Metrics.value(RestAssured.port, name);
    }
}

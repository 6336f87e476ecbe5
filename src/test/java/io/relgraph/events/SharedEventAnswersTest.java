package io.relgraph.events;

import static io.relgraph.GraphQL.ok;
import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.departmentName;
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
import io.restassured.RestAssured;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * Subscribers of the same event selection share its answer: an event is answered once for all of
 * them (the application's count of answers, and PostgreSQL's count of the one statement that reads
 * the event's link and what is below it), and each receives the same, complete message, equal to
 * what a query of that link answers. Aliases, fragments and __typename are answered as graphql-java
 * would; a different selection is answered on its own.
 */
@QuarkusTest
class SharedEventAnswersTest {

    private static final String WITH_LINK = """
            subscription($d: ID) { linkChanged(departmentId: $d) { kind extraData link { extraData employee { name } department { name } } } }""";
    private static final int SUBSCRIBERS = 20;

    @Test
    void subscribersOfOneSelectionShareOneReadPerEvent() throws Exception {
        Database.requirePgStatStatements();
        long it = department("Shared");
        long john = employee("John");
        link(it, john, "0");
        try (GraphQLWebSocket a = GraphQLWebSocket.connect(); GraphQLWebSocket b = GraphQLWebSocket.connect()) {
            List<GraphQLWebSocket.Subscription> subscribers = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                subscribers.add((i % 2 == 0 ? a : b).subscribe(WITH_LINK, "d", Long.toString(it)));
            }
            awaitSelections(1);
            double answers = metric("relgraph_events_answers_total");
            Database.resetStatementCounts();

            Database.update("update department_employee_link set extra_data = '1' where department_id = ? and employee_id = ?", it, john);
            List<JsonObject> received = new ArrayList<>();
            for (var s : subscribers) {
                received.add(s.next().getJsonObject("linkChanged"));
            }
            assertEquals(1, metric("relgraph_events_answers_total") - answers, "one answer for " + SUBSCRIBERS + " subscribers");
            assertEquals(1, Database.count("select coalesce(sum(calls), 0) from pg_stat_statements where query like '%json_build_object%'"),
                    "PostgreSQL read the event's link once");

            JsonObject expected = new JsonObject().put("kind", "UPDATED").put("extraData", "1").put("link", queryLink(it, john));
            assertEquals("1", expected.getJsonObject("link").getString("extraData"), "the fresh query sees the change");
            for (JsonObject r : received) {
                assertEquals(expected, r, "every subscriber gets the whole answer");
            }
        }
        assertEquals("1", Database.value("select extra_data from department_employee_link where department_id = ?", it));
    }

    @Test
    void subscribersOnOneSocketAreWrittenTheSharedBytesWithOneFlushPerEvent() throws Exception {
        long it = department("Frames");
        long john = employee("John");
        link(it, john, "0");
        int subscribers = 20;
        int events = 5;
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            List<GraphQLWebSocket.Subscription> subscriptions = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                subscriptions.add(client.subscribe("subscription($d: ID) { linkChanged(departmentId: $d) { kind extraData } }",
                        "d", Long.toString(it)));
            }
            awaitSelections(1);
            double frames = metric("relgraph_websocket_messages_total");
            double flushes = metric("relgraph_websocket_flushes_total");
            for (int e = 1; e <= events; e++) {
                Database.update("update department_employee_link set extra_data = ? where department_id = ? and employee_id = ?",
                        Integer.toString(e), it, john);
                for (var s : subscriptions) {
                    assertEquals(new JsonObject().put("kind", "UPDATED").put("extraData", Integer.toString(e)),
                            s.next().getJsonObject("linkChanged"), "each subscriber gets every event, in commit order");
                }
            }
            assertEquals(subscribers * events, metric("relgraph_websocket_messages_total") - frames, "one frame per subscriber and event");
            assertEquals(events, metric("relgraph_websocket_flushes_total") - flushes, "the socket is flushed once per event, not per subscriber");
        }
        assertEquals(Integer.toString(events), Database.value("select extra_data from department_employee_link where department_id = ?", it));
    }

    @Test
    void aliasesFragmentsAndTypenameAreAnsweredAsAQueryWouldAndADeletedLinkIsNotRead() throws Exception {
        long it = department("Shape");
        long john = employee("John");
        String document = """
                subscription($d: ID) { linkChanged(departmentId: $d) { ...What who: link { employee { name } } how: link { extraData } __typename } }
                fragment What on LinkEvent { kind departmentId employeeId }""";
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var shaped = client.subscribe(document, "d", Long.toString(it));
            var plain = client.subscribe("subscription($d: ID) { linkChanged(departmentId: $d) { kind } }", "d", Long.toString(it));
            awaitSelections(2);
            double answers = metric("relgraph_events_answers_total");
            link(it, john, "part-time");
            ok("mutation($d: ID!, $e: ID!) { unlinkEmployee(departmentId: $d, employeeId: $e) }", "d", it, "e", john);

            JsonObject created = shaped.next().getJsonObject("linkChanged");
            assertEquals(List.of("kind", "departmentId", "employeeId", "who", "how", "__typename"), List.copyOf(created.fieldNames()),
                    "the response keys in the document's order");
            assertEquals(new JsonObject().put("kind", "CREATED").put("departmentId", Long.toString(it)).put("employeeId", Long.toString(john))
                    .put("who", new JsonObject().put("employee", new JsonObject().put("name", "John")))
                    .put("how", new JsonObject().put("extraData", "part-time")).put("__typename", "LinkEvent"), created);
            JsonObject deleted = shaped.next().getJsonObject("linkChanged");
            assertEquals("DELETED", deleted.getString("kind"));
            assertTrue(deleted.containsKey("who") && deleted.getValue("who") == null, "a deleted link is null: " + deleted);
            assertEquals(new JsonObject().put("kind", "CREATED"), plain.next().getJsonObject("linkChanged"));
            assertEquals(new JsonObject().put("kind", "DELETED"), plain.next().getJsonObject("linkChanged"));
            assertEquals(4, metric("relgraph_events_answers_total") - answers, "two events, each answered once per distinct selection");
        }
        assertEquals(0L, Database.count("select count(*) from department_employee_link where department_id = ?", it));
    }

    @Test
    void aDepartmentEventReadsTheDepartmentAsItIsAfterTheCommit() throws Exception {
        long it = department("Renamed");
        String renamed = departmentName(it) + "-new";
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var subscription = client.subscribe("subscription($id: ID) { departmentChanged(id: $id) { kind id department { name } } }",
                    "id", Long.toString(it));
            ok("mutation($id: ID!, $n: String!) { renameDepartment(id: $id, name: $n) { name } }", "id", it, "n", renamed);
            assertEquals(new JsonObject().put("kind", "RENAMED").put("id", Long.toString(it))
                    .put("department", new JsonObject().put("name", renamed)), subscription.next().getJsonObject("departmentChanged"));
        }
        assertEquals(renamed, departmentName(it));
    }

    /** The link as a query reads it now, with the selection of WITH_LINK. */
    private static JsonObject queryLink(long department, long employee) {
        List<?> links = ok("query($d: ID!, $e: ID!) { links(departmentId: $d, employeeId: $e) "
                + "{ extraData employee { name } department { name } } }", "d", department, "e", employee).getList("data.links");
        assertEquals(1, links.size());
        return new JsonObject(Json.encode(links.get(0)));
    }

    /** Waits until the shared selections are these many: subscriptions of earlier tests end when their sockets close. */
    private static void awaitSelections(int count) throws Exception {
        long deadline = System.nanoTime() + GraphQLWebSocket.WAIT.toNanos();
        while (metric("relgraph_events_selections") != count) {
            assertTrue(System.nanoTime() < deadline, "shared selections: " + metric("relgraph_events_selections") + ", expected " + count);
            Thread.sleep(20);
        }
    }

    private static double metric(String name) throws Exception {
        return Metrics.value(RestAssured.port, name);
    }
}

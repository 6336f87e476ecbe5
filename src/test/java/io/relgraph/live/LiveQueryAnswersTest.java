package io.relgraph.live;

import static io.relgraph.GraphQL.ok;
import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.departmentName;
import static io.relgraph.events.Fixtures.employee;
import static io.relgraph.events.Fixtures.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.relgraph.GraphQLWebSocket;
import io.relgraph.events.Metrics;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/**
 * A live query over graphql-transport-ws answers at once with what the same query answers, then again
 * whenever a committed change (through the API or in plain SQL) makes that answer different, and not
 * when a change leaves it as it was.
 */
@QuarkusTest
class LiveQueryAnswersTest {

    private static final String DEPARTMENT = """
            subscription($id: ID!) { department(id: $id) { name employeeLinks { extraData employee { name } } } }""";
    private static final String AS_QUERY = DEPARTMENT.replace("subscription", "query");

    @Test
    void theFirstMessageIsTheAnswerNowAndAChangeThroughTheApiPushesTheNewOne() throws Exception {
        long it = department("IT");
        long john = employee("John");
        link(it, john, "part-time");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var live = client.subscribeNow(DEPARTMENT, "id", Long.toString(it));
            JsonObject first = live.next();
            assertEquals(query(it), first, "the first message is what the query answers now");
            assertEquals("part-time", first.getJsonObject("department").getJsonArray("employeeLinks").getJsonObject(0).getString("extraData"));

            ok("mutation($d: ID!, $e: ID!) { updateLink(departmentId: $d, employeeId: $e, extraData: \"full-time\") { extraData } }",
                    "d", it, "e", john);
            JsonObject pushed = live.next();
            assertEquals("full-time", pushed.getJsonObject("department").getJsonArray("employeeLinks").getJsonObject(0).getString("extraData"));
            assertEquals(query(it), pushed, "the pushed answer is what the query answers after the commit");
            assertEquals("full-time", Database.value("select extra_data from department_employee_link where department_id = ?", it));
        }
    }

    @Test
    void aWhereAcrossARelationIsLiveOnTheTablesItCrosses() throws Exception {
        long it = department("IT");
        String name = GraphQL.unique("Crossed");
        long ann = employee(name);
        String live = "subscription($n: String!) { departments(first: 50, where: {employees: {some: {name: {eq: $n}}}}) { id name } }";
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var departments = client.subscribeNow(live, "n", name);
            assertEquals(0, departments.next().getJsonArray("departments").size(), "no department has her yet");
            // only the link table changes: the where reads it, the selection does not name it
            link(it, ann, null);
            JsonObject pushed = departments.next();
            assertEquals(1, pushed.getJsonArray("departments").size());
            assertEquals(Long.toString(it), pushed.getJsonArray("departments").getJsonObject(0).getString("id"));
            assertEquals(1L, Database.count("select count(*) from department_employee_link where department_id = ? and employee_id = ?", it, ann));
        }
    }

    @Test
    void aChangeInPlainSqlToARelatedRowIsPushed() throws Exception {
        long it = department("IT");
        long john = employee("John");
        link(it, john, "part-time");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var live = client.subscribeNow(DEPARTMENT, "id", Long.toString(it));
            live.next();
            Database.update("update employee set name = 'Johnny' where id = ?", john);
            JsonObject pushed = live.next();
            assertEquals("Johnny", pushed.getJsonObject("department").getJsonArray("employeeLinks").getJsonObject(0)
                    .getJsonObject("employee").getString("name"));
            assertEquals(query(it), pushed);
        }
    }

    @Test
    void aChangeThatLeavesTheAnswerAsItWasSendsNothing() throws Exception {
        long it = department("IT");
        long other = department("Other");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var live = client.subscribeNow(DEPARTMENT, "id", Long.toString(it));
            live.next();
            double runs = Metrics.value(RestAssured.port, "relgraph_live_runs_total");
            // the same table, another row: the query runs again (the metric moves) and its answer is unchanged
            Database.update("update department set name = name || '!' where id = ?", other);
            long deadline = System.nanoTime() + GraphQLWebSocket.WAIT.toNanos();
            while (Metrics.value(RestAssured.port, "relgraph_live_runs_total") <= runs) {
                assertTrue(System.nanoTime() < deadline, "the change to department " + other + " did not re-run the live query");
                Thread.sleep(20);
            }
            ok("mutation($id: ID!, $n: String!) { renameDepartment(id: $id, name: $n) { id } }", "id", it, "n", GraphQL.unique("Renamed"));
            JsonObject next = live.next();
            assertEquals(departmentName(it), next.getJsonObject("department").getString("name"),
                    "the message after the unrelated change is the related one: nothing was sent in between");
            assertNull(live.poll());
        }
    }

    @Test
    void aQueryRootThatAnswersNullIsLiveToo() throws Exception {
        long absent = io.relgraph.events.Fixtures.freshKey("department");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var live = client.subscribeNow("subscription($id: ID!) { department(id: $id) { id name } }", "id", Long.toString(absent));
            JsonObject first = live.next();
            assertTrue(first.containsKey("department") && first.getValue("department") == null, first.encode());
            Database.update("insert into department (id, name) values (?, ?)", absent, GraphQL.unique("Late"));
            assertEquals(departmentName(absent), live.next().getJsonObject("department").getString("name"));
        }
    }

    @Test
    void everyKindOfQueryRootIsLiveAndFirstAnswersWhatTheQueryAnswers() throws Exception {
        long it = department("Roots");
        long john = employee("John");
        link(it, john, "part-time");
        String name = departmentName(it);
        String[][] documents = {
                { "subscription($n: String!) { departmentByName(name: $n) { id name head { name } employees(first: 10) { name hiredOn departments(first: 10) { name } } } }", "n", name },
                { "subscription($n: String) { employees(name: $n, first: 5) { __typename id name hiredOn headOf { name } departmentLinks(first: 10) { extraData } } }", "n", "John" },
                { "subscription($d: ID) { links(departmentId: $d) { extraData department { name } employee { name } } }", "d", Long.toString(it) },
                { "subscription($n: String) { departmentPage(first: 1, name: $n) { items { name } endCursor hasNextPage totalCount } }", "n", name },
                { "subscription($d: ID) { linkPage(departmentId: $d, first: 1) { items { extraData } hasNextPage totalCount } }", "d", Long.toString(it) },
                { "subscription Named { ...roots } fragment roots on Subscription { users(first: 2) { name posts(first: 1) { title } } }", null, null },
        };
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            for (String[] d : documents) {
                Object[] variables = d[1] == null ? new Object[0] : new Object[] { d[1], d[2] };
                JsonObject live = client.subscribeNow(d[0], variables).next();
                String query = d[0].replaceFirst("^subscription", "query").replace("on Subscription", "on Query");
                assertEquals(new JsonObject(ok(query, variables).getMap("data")), live, d[0]);
            }
        }
    }

    @Test
    void aLiveQueryIsRefusedLikeTheQueryWouldBe() throws Exception {
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            assertEquals("LIMIT_EXCEEDED", errorCode(client.subscribeNow("subscription { departments(first: 1000) { employees(first: 1000) { name } } }").message()),
                    "the row estimate of a query");
            assertEquals("VALIDATION", errorCode(client.subscribeNow("subscription { department(id: 0) { name } }").message()),
                    "an argument the query refuses");
        }
    }

    /** The code of the error an operation ended with: an 'error' message, or a 'next' that carries errors. */
    private static String errorCode(JsonObject message) {
        Object payload = message.getValue("payload");
        io.vertx.core.json.JsonArray errors = payload instanceof io.vertx.core.json.JsonArray a ? a
                : ((JsonObject) payload).getJsonArray("errors");
        assertTrue(errors != null && !errors.isEmpty(), "no error in " + message.encode());
        return errors.getJsonObject(0).getJsonObject("extensions").getString("code");
    }

    private static JsonObject query(long id) {
        return new JsonObject(ok(AS_QUERY, "id", Long.toString(id)).getMap("data"));
    }
}

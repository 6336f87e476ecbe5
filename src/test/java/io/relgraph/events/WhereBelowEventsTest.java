package io.relgraph.events;

import static io.relgraph.GraphQL.ok;
import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.employee;
import static io.relgraph.events.Fixtures.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQLWebSocket;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Rule 7 for events: a where (and an aggregate with one) inside an event subscription's selection
 * means what it means in a query. The pushed link's department lists only its part-time links and
 * counts the others, as a query of the same selection answers and as the database holds them; the
 * subscribers of one selection still share one compiled statement per event.
 */
@QuarkusTest
class WhereBelowEventsTest {

    private static final String SELECTION = "extraData department { partTime: employeeLinks(first: 100, where: {extraData: {eq: \"part-time\"}})"
            + " { extraData employee { name } } others: employeeLinksAggregate(where: {not: {extraData: {eq: \"part-time\"}}}) { count } }";
    private static final String SUBSCRIPTION = "subscription($d: ID) { linkChanged(departmentId: $d) { kind link { " + SELECTION + " } } }";

    @Test
    void aWhereBelowAnEventIsAnsweredAsInAQueryOnceForAllItsSubscribers() throws Exception {
        Database.requirePgStatStatements();
        long it = department("Wheres");
        long john = employee("John");
        long bill = employee("Bill");
        long mary = employee("Mary");
        link(it, john, "part-time");
        link(it, bill, "full-time");
        try (GraphQLWebSocket a = GraphQLWebSocket.connect(); GraphQLWebSocket b = GraphQLWebSocket.connect()) {
            var first = a.subscribe(SUBSCRIPTION, "d", Long.toString(it));
            var second = b.subscribe(SUBSCRIPTION, "d", Long.toString(it));
            Database.resetStatementCounts();
            // beside the API: the trigger tells every instance
            Database.update("insert into department_employee_link (department_id, employee_id, extra_data) values (?, ?, 'part-time')", it, mary);

            JsonObject pushed = first.next().getJsonObject("linkChanged");
            assertEquals(pushed, second.next().getJsonObject("linkChanged"), "both subscribers get the one answer");
            assertEquals(1, Database.count("select coalesce(sum(calls), 0) from pg_stat_statements where query like '%json_build_object%'"),
                    "one statement answered the event for both");

            assertEquals("CREATED", pushed.getString("kind"));
            JsonObject department = pushed.getJsonObject("link").getJsonObject("department");
            assertEquals(new JsonArray().add(new JsonObject().put("extraData", "part-time").put("employee", new JsonObject().put("name", "John")))
                    .add(new JsonObject().put("extraData", "part-time").put("employee", new JsonObject().put("name", "Mary"))),
                    department.getJsonArray("partTime"), "only the part-time links, by employee: " + pushed);
            assertEquals(1, department.getJsonObject("others").getInteger("count"), "Bill, full-time");

            // what a query of the same selection answers
            List<?> links = ok("query($d: ID!, $e: ID!) { links(departmentId: $d, employeeId: $e) { " + SELECTION + " } }", "d", it, "e", mary)
                    .getList("data.links");
            assertEquals(1, links.size());
            assertEquals(new JsonObject(Json.encode(links.get(0))), pushed.getJsonObject("link"));
        }
        // and what the database holds
        List<Map<String, Object>> partTime = Database.rows("select e.name from department_employee_link l join employee e on e.id = l.employee_id"
                + " where l.department_id = ? and l.extra_data = 'part-time' order by l.employee_id", it);
        assertEquals(List.of("John", "Mary"), partTime.stream().map(r -> r.get("name")).toList());
        assertEquals(1, Database.count("select count(*) from department_employee_link where department_id = ? and extra_data is distinct from"
                + " 'part-time'", it));
        assertTrue(john < mary && bill < mary);
    }
}

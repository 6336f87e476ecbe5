package io.relgraph.events;

import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.employee;
import static io.relgraph.events.Fixtures.link;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.Database;
import io.relgraph.GraphQLWebSocket;
import io.relgraph.compiler.CompilerOff;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/**
 * With the read compiler turned off, an event's reads cannot be answered once for all: each
 * subscriber's selection is resolved on its own, by the resolvers, with the same answer (and nothing
 * is shared).
 */
@QuarkusTest
@TestProfile(CompilerOff.class)
class EventsWithoutCompilerTest {

    @Test
    void eachSubscriberIsAnsweredByTheResolvers() throws Exception {
        long it = department("NoCompiler");
        long john = employee("John");
        String document = "subscription($d: ID) { linkChanged(departmentId: $d) { kind link { extraData employee { name } } } }";
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var first = client.subscribe(document, "d", Long.toString(it));
            var second = client.subscribe(document, "d", Long.toString(it));
            double answers = Metrics.value(RestAssured.port, "relgraph_events_answers_total");
            link(it, john, "part-time");
            JsonObject expected = new JsonObject().put("kind", "CREATED")
                    .put("link", new JsonObject().put("extraData", "part-time").put("employee", new JsonObject().put("name", "John")));
            assertEquals(expected, first.next().getJsonObject("linkChanged"));
            assertEquals(expected, second.next().getJsonObject("linkChanged"));
            assertEquals(0, Metrics.value(RestAssured.port, "relgraph_events_selections"), "nothing shared");
            assertEquals(answers, Metrics.value(RestAssured.port, "relgraph_events_answers_total"), "nothing answered once for all");
        }
        assertEquals("part-time", Database.value("select extra_data from department_employee_link where department_id = ?", it));
    }
}

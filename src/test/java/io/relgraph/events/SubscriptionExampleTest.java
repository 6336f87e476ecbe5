package io.relgraph.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.relgraph.GraphQLWebSocket;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/** The subscription example of examples/subscriptions runs as its README says, so it never rots. */
@QuarkusTest
class SubscriptionExampleTest {

    private static final Path EXAMPLE = Path.of("examples/subscriptions");

    @Test
    void watchingSupportPrintsAnnJoiningIt() throws Exception {
        Database.update("delete from department where name = 'Support'"); // left by an earlier run
        JsonPath created = GraphQL.ok(Files.readString(EXAMPLE.resolve("1-create-support-and-ann.graphql")));
        String support = created.getString("data.support.id");
        String ann = created.getString("data.ann.id");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var watch = client.subscribe(Files.readString(EXAMPLE.resolve("2-watch-support.graphql")), "support", support);
            GraphQL.ok(Files.readString(EXAMPLE.resolve("3-ann-joins-support.graphql")), "support", support, "ann", ann);
            assertEquals(new JsonObject(Files.readString(EXAMPLE.resolve("2-watch-support.expected.json"))), watch.next());
        }
        assertEquals("on call", Database.value("select extra_data from department_employee_link where department_id = ? and employee_id = ?",
                Long.parseLong(support), Long.parseLong(ann)));
    }
}

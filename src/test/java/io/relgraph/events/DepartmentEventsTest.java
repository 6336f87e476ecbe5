package io.relgraph.events;

import static io.relgraph.GraphQL.ok;
import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.employee;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.relgraph.GraphQLWebSocket;
import io.vertx.core.json.JsonObject;

/** departmentChanged: created, renamed, head set, head cleared, deleted; the department resolvable, null once deleted. */
@QuarkusTest
class DepartmentEventsTest {

    static final String DEPARTMENT_CHANGED = """
            subscription($id: ID) { departmentChanged(id: $id) { kind id department { name head { name } } } }""";

    static JsonObject event(String kind, long id, String name, String head) {
        return new JsonObject().put("kind", kind).put("id", Long.toString(id)).put("department",
                name == null ? null : new JsonObject().put("name", name).put("head", head == null ? null : new JsonObject().put("name", head)));
    }

    @Test
    void everyChangeOfOneDepartmentReachesItsSubscriber() throws Exception {
        long other = department("Other");
        long sales = department("Sales");
        long ann = employee("Ann");
        String renamed = GraphQL.unique("Sales and Marketing");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var subscription = client.subscribe(DEPARTMENT_CHANGED, "id", Long.toString(sales));
            ok("mutation($id: ID!) { renameDepartment(id: $id, name: \"x-" + other + "\") { id } }", "id", other); // not this one

            ok("mutation($id: ID!, $n: String!) { renameDepartment(id: $id, name: $n) { id } }", "id", sales, "n", renamed);
            assertEquals(event("RENAMED", sales, renamed, null), subscription.next().getJsonObject("departmentChanged"));

            ok("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { id } }", "d", sales, "e", ann);
            assertEquals(event("HEAD_SET", sales, renamed, "Ann"), subscription.next().getJsonObject("departmentChanged"));

            ok("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { id } }", "d", sales, "e", null);
            assertEquals(event("HEAD_CLEARED", sales, renamed, null), subscription.next().getJsonObject("departmentChanged"));

            ok("mutation($id: ID!) { deleteDepartment(id: $id) }", "id", sales);
            assertEquals(event("DELETED", sales, null, null), subscription.next().getJsonObject("departmentChanged"));
        }
        assertEquals(0L, Database.count("select count(*) from department where id = ?", sales));
    }

    @Test
    void aCreatedDepartmentReachesTheSubscribersOfAllDepartments() throws Exception {
        String name = GraphQL.unique("Research");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var subscription = client.subscribe(DEPARTMENT_CHANGED);
            long research = Long.parseLong(ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name)
                    .getString("data.createDepartment.id"));
            assertEquals(event("CREATED", research, name, null), subscription.next().getJsonObject("departmentChanged"));
        }
        assertEquals(name, Database.value("select name from department where name = ?", name));
    }

    @Test
    void deletingTheHeadClearsTheHead() throws Exception {
        long sales = department("Sales");
        long ann = employee("Ann");
        ok("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { id } }", "d", sales, "e", ann);
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var subscription = client.subscribe("subscription($id: ID) { departmentChanged(id: $id) { kind id } }", "id", Long.toString(sales));
            ok("mutation($id: ID!) { deleteEmployee(id: $id) }", "id", ann);
            assertEquals(new JsonObject().put("kind", "HEAD_CLEARED").put("id", Long.toString(sales)),
                    subscription.next().getJsonObject("departmentChanged"));
        }
        assertNull(Database.value("select head_id from department where id = ?", sales));
    }
}

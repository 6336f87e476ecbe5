package io.relgraph.events;

import static io.relgraph.GraphQL.ok;
import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.employee;
import static io.relgraph.events.Fixtures.freshKey;
import static io.relgraph.events.Fixtures.link;
import static io.relgraph.events.Fixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQLWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * keyChanged: a primary-key change of a department, an employee or a user is one event, filtered by
 * entity; the rows that follow it by ON UPDATE CASCADE (links, a head) publish nothing of their own.
 */
@QuarkusTest
class KeyChangeEventsTest {

    static final String KEY_CHANGED = "subscription($entity: KeyedEntity) { keyChanged(entity: $entity) { entity oldId newId } }";

    static JsonObject event(String entity, long oldId, long newId) {
        return new JsonObject().put("entity", entity).put("oldId", Long.toString(oldId)).put("newId", Long.toString(newId));
    }

    @Test
    void eachEntitysKeyChangeReachesItsSubscribers() throws Exception {
        long d = department("Keyed");
        long e = employee("Keyed");
        long u = user("keyed");
        long newD = freshKey("department");
        long newE = freshKey("employee");
        long newU = freshKey("users");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var all = client.subscribe(KEY_CHANGED);
            var users = client.subscribe(KEY_CHANGED, "entity", "USER");
            ok("mutation($id: ID!, $newId: ID!) { changeDepartmentId(id: $id, newId: $newId) { department { id } } }", "id", d, "newId", newD);
            ok("mutation($id: ID!, $newId: ID!) { changeEmployeeId(id: $id, newId: $newId) { employee { id } } }", "id", e, "newId", newE);
            ok("mutation($id: ID!, $newId: ID!) { changeUserId(id: $id, newId: $newId) { user { id } } }", "id", u, "newId", newU);

            assertEquals(event("DEPARTMENT", d, newD), all.next().getJsonObject("keyChanged"));
            assertEquals(event("EMPLOYEE", e, newE), all.next().getJsonObject("keyChanged"));
            assertEquals(event("USER", u, newU), all.next().getJsonObject("keyChanged"));
            assertEquals(event("USER", u, newU), users.next().getJsonObject("keyChanged"));
        }
        assertEquals(1L, Database.count("select count(*) from users where id = ?", newU));
    }

    @Test
    void rowsThatFollowAKeyChangePublishNothingOfTheirOwn() throws Exception {
        long d = department("Cascading");
        long e = employee("Head");
        link(d, e, "linked");
        ok("mutation($d: ID!, $e: ID) { setDepartmentHead(departmentId: $d, employeeId: $e) { id } }", "d", d, "e", e);
        long newD = freshKey("department");
        long newE = freshKey("employee");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var links = client.subscribe("subscription { linkChanged { kind departmentId employeeId } }");
            var departments = client.subscribe("subscription { departmentChanged { kind id } }");
            ok("mutation($id: ID!, $newId: ID!) { changeDepartmentId(id: $id, newId: $newId) { department { id } } }", "id", d, "newId", newD);
            ok("mutation($id: ID!, $newId: ID!) { changeEmployeeId(id: $id, newId: $newId) { employee { id } } }", "id", e, "newId", newE);
            // the next changes of the link and the department are these, not the cascades above
            ok("mutation($d: ID!, $e: ID!) { updateLink(departmentId: $d, employeeId: $e, extraData: \"after\") { extraData } }",
                    "d", newD, "e", newE);
            ok("mutation($id: ID!) { renameDepartment(id: $id, name: \"renamed-" + newD + "\") { id } }", "id", newD);

            assertEquals(new JsonObject().put("kind", "UPDATED").put("departmentId", Long.toString(newD)).put("employeeId", Long.toString(newE)),
                    links.next().getJsonObject("linkChanged"));
            assertEquals(new JsonObject().put("kind", "RENAMED").put("id", Long.toString(newD)), departments.next().getJsonObject("departmentChanged"));
        }
        assertEquals(newE, ((Number) Database.value("select head_id from department where id = ?", newD)).longValue());
    }
}

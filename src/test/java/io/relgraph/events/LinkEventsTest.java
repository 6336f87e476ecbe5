package io.relgraph.events;

import static io.relgraph.GraphQL.ok;
import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.departmentName;
import static io.relgraph.events.Fixtures.employee;
import static io.relgraph.events.Fixtures.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQLWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * linkChanged: every committed change of a link reaches its subscribers, whoever made it (a mutation
 * or plain SQL), filtered by department and employee, in commit order; a rolled-back change reaches
 * nobody. Absence is proven by order, not by waiting: a later committed change arrives first.
 */
@QuarkusTest
class LinkEventsTest {

    static final String LINK_CHANGED = """
            subscription($d: ID, $e: ID) { linkChanged(departmentId: $d, employeeId: $e) { kind departmentId employeeId extraData } }""";

    static JsonObject event(String kind, long department, long employee, String extraData) {
        return new JsonObject().put("kind", kind).put("departmentId", Long.toString(department))
                .put("employeeId", Long.toString(employee)).put("extraData", extraData);
    }

    @Test
    void createUpdateAndDeleteOfALinkReachTheSubscribersOfItsDepartment() throws Exception {
        long it = department("IT");
        long hr = department("HR");
        long john = employee("John");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var subscription = client.subscribe(LINK_CHANGED, "d", Long.toString(it));
            link(hr, john, "elsewhere"); // another department: not for this subscriber
            link(it, john, "part-time");
            ok("mutation($d: ID!, $e: ID!) { updateLink(departmentId: $d, employeeId: $e, extraData: \"full-time\") { extraData } }",
                    "d", it, "e", john);
            ok("mutation($d: ID!, $e: ID!) { unlinkEmployee(departmentId: $d, employeeId: $e) }", "d", it, "e", john);

            assertEquals(event("CREATED", it, john, "part-time"), subscription.next().getJsonObject("linkChanged"));
            assertEquals(event("UPDATED", it, john, "full-time"), subscription.next().getJsonObject("linkChanged"));
            assertEquals(event("DELETED", it, john, "full-time"), subscription.next().getJsonObject("linkChanged"));
        }
        assertEquals(0L, Database.count("select count(*) from department_employee_link where department_id = ?", it));
        assertEquals(1L, Database.count("select count(*) from department_employee_link where department_id = ?", hr));
    }

    @Test
    void anEmployeeFilterSeesThatEmployeesLinksOnly() throws Exception {
        long it = department("IT");
        long john = employee("John");
        long bill = employee("Bill");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var both = client.subscribe(LINK_CHANGED, "d", Long.toString(it), "e", Long.toString(bill));
            var billAnywhere = client.subscribe(LINK_CHANGED, "e", Long.toString(bill));
            link(it, john, null);
            link(it, bill, "intern");

            assertEquals(event("CREATED", it, bill, "intern"), both.next().getJsonObject("linkChanged"));
            assertEquals(event("CREATED", it, bill, "intern"), billAnywhere.next().getJsonObject("linkChanged"));
        }
    }

    @Test
    void aChangeMadeInPlainSqlIsDelivered() throws Exception {
        long it = department("IT");
        long john = employee("John");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var subscription = client.subscribe(LINK_CHANGED, "d", Long.toString(it));
            Database.update("insert into department_employee_link (department_id, employee_id, extra_data) values (?, ?, 'sql')", it, john);
            assertEquals(event("CREATED", it, john, "sql"), subscription.next().getJsonObject("linkChanged"));
        }
    }

    @Test
    void aRolledBackChangeIsNotDeliveredAndOneTransactionsChangesArriveInCommitOrder() throws Exception {
        long it = department("IT");
        long john = employee("John");
        long bill = employee("Bill");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var subscription = client.subscribe(LINK_CHANGED, "d", Long.toString(it));
            assertThrows(IllegalStateException.class, () -> Database.update("do $$ begin "
                    + "insert into department_employee_link values (" + it + ", " + john + ", 'rolled back'); "
                    + "raise exception 'roll it back'; end $$"));
            // one transaction: link Bill, change, unlink, link again (equal payloads must not fold into one)
            Database.update("do $$ begin "
                    + "insert into department_employee_link values (" + it + ", " + bill + ", 'a'); "
                    + "update department_employee_link set extra_data = 'b' where department_id = " + it + " and employee_id = " + bill + "; "
                    + "delete from department_employee_link where department_id = " + it + " and employee_id = " + bill + "; "
                    + "insert into department_employee_link values (" + it + ", " + bill + ", 'a'); end $$");

            assertEquals(event("CREATED", it, bill, "a"), subscription.next().getJsonObject("linkChanged"));
            assertEquals(event("UPDATED", it, bill, "b"), subscription.next().getJsonObject("linkChanged"));
            assertEquals(event("DELETED", it, bill, "b"), subscription.next().getJsonObject("linkChanged"));
            assertEquals(event("CREATED", it, bill, "a"), subscription.next().getJsonObject("linkChanged"));
        }
        assertEquals(0L, Database.count("select count(*) from department_employee_link where employee_id = ?", john));
    }

    @Test
    void anEventsLinkResolvesToItsDepartmentAndEmployeeAndIsNullOnceDeleted() throws Exception {
        long it = department("IT");
        long john = employee("John");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var subscription = client.subscribe("""
                    subscription($d: ID) { linkChanged(departmentId: $d) { kind link { extraData department { name } employee { name } } } }""",
                    "d", Long.toString(it));
            link(it, john, "part-time");
            JsonObject created = subscription.next().getJsonObject("linkChanged"); // resolved before the next change
            ok("mutation($id: ID!) { deleteEmployee(id: $id) }", "id", john); // the link goes with him

            assertEquals("CREATED", created.getString("kind"));
            assertEquals(new JsonObject().put("extraData", "part-time")
                    .put("department", new JsonObject().put("name", departmentName(it)))
                    .put("employee", new JsonObject().put("name", "John")), created.getJsonObject("link"));
            JsonObject deleted = subscription.next().getJsonObject("linkChanged");
            assertEquals("DELETED", deleted.getString("kind"));
            assertNull(deleted.getJsonObject("link"));
        }
        assertEquals(0L, Database.count("select count(*) from employee where id = ?", john));
    }
}

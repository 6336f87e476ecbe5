package io.relgraph.live;

import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.departmentName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQLWebSocket;
import io.relgraph.events.Metrics;
import io.restassured.RestAssured;

/**
 * A live query is never left stale by a lost LISTEN connection: a change this instance was not told
 * of (here: committed with triggers off, as if while it was not listening) is in the answer pushed
 * once the connection is back, because every live query re-runs then.
 */
@QuarkusTest
class LiveQueriesAfterOutageTest {

    @Test
    void whenTheListenConnectionComesBackEveryLiveQueryRunsAgain() throws Exception {
        long it = department("Outage");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect()) {
            var live = client.subscribeNow("subscription($id: ID!) { department(id: $id) { name } }", "id", Long.toString(it));
            assertEquals(departmentName(it), live.next().getJsonObject("department").getString("name"));

            String missed = departmentName(it) + " (missed)";
            unnoticed("update department set name = '" + missed + "' where id = " + it);
            assertEquals(missed, departmentName(it));
            double reconnects = Metrics.value(RestAssured.port, "relgraph_events_reconnects_total");
            Database.update("select pg_terminate_backend(pid) from pg_stat_activity where query like 'LISTEN%' and pid <> pg_backend_pid()");

            assertEquals(missed, live.next().getJsonObject("department").getString("name"),
                    "the change made while no notification came is pushed after the reconnect");
            assertTrue(Metrics.value(RestAssured.port, "relgraph_events_reconnects_total") > reconnects, "the LISTEN connection came back");
        }
    }

    /** A committed change that publishes nothing: its session does not fire triggers (a superuser's replica role). */
    private static void unnoticed(String sql) throws Exception {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
                Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            s.execute(sql);
        }
    }
}

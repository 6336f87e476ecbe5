package io.relgraph.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.relgraph.PrivateReadsOneSecondTimeout;

/**
 * A statement that runs longer than {@code relgraph.graphql.timeout} is cancelled inside PostgreSQL
 * (statement_timeout on the pool's connections), the client gets {@code TIMEOUT} naming the limit,
 * nothing of the application is left running in {@code pg_stat_activity}, a cancelled write changed
 * nothing, and the pool's connections answer again at once. The statements are held up by a lock
 * taken over JDBC, beside the application.
 */
@QuarkusTest
@TestProfile(PrivateReadsOneSecondTimeout.class)
class TimeoutTest {

    @Test
    void aReadBlockedLongerThanTheLimitIsCancelledInPostgres() throws Exception {
        String name = GraphQL.unique("Timeout");
        GraphQL.ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name);
        try (Connection lock = connect()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE department IN ACCESS EXCLUSIVE MODE");
            }
            String message = GraphQL.error("TIMEOUT", "query($n: String!) { departmentByName(name: $n) { id } }", "n", name);
            assertTrue(message.contains("relgraph.graphql.timeout") && message.matches(".*\\b1 ?s\\b.*"),
                    "the message names the limit: " + message);
            assertEquals(0, applicationStatementsRunning(lock), "the cancelled statement left nothing running");
            lock.rollback();
        }
        // the pool's connection survived the cancel: the next read answers
        assertEquals(name, GraphQL.ok("query($n: String!) { departmentByName(name: $n) { name } }", "n", name)
                .getString("data.departmentByName.name"));
    }

    @Test
    void aWriteBlockedLongerThanTheLimitIsCancelledAndChangesNothing() throws Exception {
        String name = GraphQL.unique("TimeoutWrite");
        try (Connection lock = connect()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE department IN ACCESS EXCLUSIVE MODE");
            }
            GraphQL.error("TIMEOUT", "mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name);
            assertEquals(0, applicationStatementsRunning(lock));
            lock.rollback();
        }
        assertEquals(0, Database.count("select count(*) from department where name = ?", name));
        GraphQL.ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name);
        assertEquals(1, Database.count("select count(*) from department where name = ?", name));
    }

    @Test
    void flywaysConnectionIsNotLimitedOnlyThePoolsAre() throws Exception {
        // the JDBC URL (Flyway's, and this test's) carries no statement_timeout
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show statement_timeout")) {
            rs.next();
            assertEquals("0", rs.getString(1));
        }
        assertEquals("1000", ConfigProvider.getConfig()
                .getValue("quarkus.datasource.reactive.additional-properties.statement_timeout", String.class));
    }

    /**
     * Active statements of other sessions, waited for briefly: the cancel travels from PostgreSQL's
     * timer to the backend, so the answer may reach the client a moment before the backend is idle.
     */
    private static long applicationStatementsRunning(Connection own) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long running;
        do {
            try (Statement s = own.createStatement(); ResultSet rs = s.executeQuery(
                    "select count(*) from pg_stat_activity where pid <> pg_backend_pid() and backend_type = 'client backend'"
                            + " and state = 'active' and datname = current_database()")) {
                rs.next();
                running = rs.getLong(1);
            }
            if (running > 0) {
                Thread.sleep(50);
            }
        } while (running > 0 && System.nanoTime() < deadline);
        return running;
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}

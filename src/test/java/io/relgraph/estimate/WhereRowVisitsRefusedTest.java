package io.relgraph.estimate;

import static io.relgraph.GraphQL.error;
import static io.relgraph.GraphQL.ok;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.Database;

/**
 * Rule 6's estimate of the rows a where may visit, over HTTP with the default
 * {@code relgraph.graphql.max-row-visits} (500,000): a department of 1,000 employees (written by SQL
 * beside the API, analyzed, and read by the application's own refresh of PostgreSQL's statistics)
 * makes every department's employees count about a third of all links on average; an unanchored
 * {@code contains} over the employees of each of a list of 1,000 departments is then refused before
 * any SQL, with the estimate (1,000 departments × the average links per department × a link and an
 * employee each, from pg_stats as the application read it) and the limit in the message. The same where
 * over ten departments, and a where anchored on the employees' key, are answered and match the data.
 */
@QuarkusTest
@TestProfile(ArticleData.class)
class WhereRowVisitsRefusedTest {

    private static final int CROWD = 1000;
    private static final Pattern GAUGE = Pattern.compile("^relgraph_estimate_table_rows\\{table=\"department_employee_link\",?\\} (\\S+)$",
            Pattern.MULTILINE);
    private static final Pattern REFRESHES = Pattern.compile("^relgraph_estimate_refreshes_total(?:\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
    /** Not a timing threshold: how long to wait for the once-a-second refresh before calling the test hung. */
    private static final long HANG_MILLIS = 60_000;

    private static final String NESTED = "{ departments(first: 1000) { name employees(first: 1, where: {name: {contains: \"-7\"}}) { name } } }";

    @Test
    void anUnanchoredWhereInEachOfAThousandDepartmentsIsRefusedWithTheEstimateBeforeAnySql() {
        Crowd crowd = Crowd.of("Visited", CROWD);
        String name = crowd.name();
        long department = crowd.department();
        try {
            double links = analyzedAndRead();
            Map<String, Object> stats = Database.rows("select null_frac::float8 as n, n_distinct::float8 as d from pg_stats where schemaname ="
                    + " current_schema() and tablename = 'department_employee_link' and attname = 'department_id'").get(0);
            double distinct = (Double) stats.get("d") > 0 ? (Double) stats.get("d") : -(Double) stats.get("d") * links;
            double perDepartment = links * (1 - (Double) stats.get("n")) / Math.max(1, distinct);
            // each of 1,000 departments (first) reads its links and their employees: 2 rows per link
            long estimate = 1000 * (long) Math.ceil(perDepartment * 2 - 1e-6);
            assertTrue(estimate > 500_000, "the data makes the where visit more than the default limit: " + estimate);

            Database.requirePgStatStatements();
            Database.resetStatementCounts();
            String message = error("LIMIT_EXCEEDED", NESTED);
            assertEquals(0L, statementsBesideTheRefresh(), "refused before any SQL: " + message);
            assertTrue(message.contains("about " + String.format(Locale.ROOT, "%,d", estimate) + " rows"), "the estimate " + estimate + " in: "
                    + message);
            assertTrue(message.contains("more than 500,000 (relgraph.graphql.max-row-visits"), message);

            // ten departments are answered
            assertEquals(Math.min(10, Database.count("select count(*) from department")),
                    ok(NESTED.replace("first: 1000", "first: 10")).getList("data.departments").size());
            // so is the where in one department, with what the database holds
            List<String> names = ok("query($d: ID!, $c: String) { department(id: $d) { employees(first: 1000, where: {name: {contains: $c}})"
                    + " { name } } }", "d", Long.toString(department), "c", name + "-7").getList("data.department.employees.name");
            List<Object> expected = Database.rows("select e.name from department_employee_link l join employee e on e.id = l.employee_id"
                    + " where l.department_id = ? and strpos(e.name, ?) > 0 order by e.id", department, name + "-7").stream()
                    .map(r -> r.get("name")).toList();
            assertEquals(111, expected.size(), "7, 70-79, 700-799");
            assertEquals(expected, List.<Object>copyOf(names));
            // anchored on the key: one employee, whatever the data
            long seventh = ((Number) Database.value("select id from employee where name = ?", name + "-7")).longValue();
            assertEquals(name + "-7", ok("query($id: ID!) { employees(where: {id: {eq: $id}}) { name } }", "id", Long.toString(seventh))
                    .getString("data.employees[0].name"));
        } finally {
            crowd.remove();
            analyzedAndRead();
        }
        assertEquals(0, crowd.employeesLeft());
        assertEquals(0, Database.count("select count(*) from department_employee_link where department_id = ?", department));
    }

    /** ANALYZE, then wait until a refresh begun after it has read the statistics it left; the links' rows. */
    private static double analyzedAndRead() {
        Database.update("analyze department, employee, department_employee_link");
        double links = ((Number) Database.value("select reltuples::float8 from pg_class where relname = 'department_employee_link'"
                + " and relnamespace = current_schema()::regnamespace")).doubleValue();
        double refreshes = metric(REFRESHES);
        long deadline = System.currentTimeMillis() + HANG_MILLIS;
        while (true) {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            Matcher m = GAUGE.matcher(metrics);
            if (metric(REFRESHES, metrics) >= refreshes + 2 && m.find() && Double.parseDouble(m.group(1)) == links) {
                return links;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("The application never read the statistics ANALYZE left (" + links + " links)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static double metric(Pattern pattern) {
        return metric(pattern, given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static double metric(Pattern pattern, String metrics) {
        Matcher m = pattern.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** Statements the application ran since the reset, but for the once-a-second refresh of the estimates (marked). */
    private static long statementsBesideTheRefresh() {
        return Database.count("select coalesce(sum(calls), 0) from pg_stat_statements where dbid = (select oid from pg_database where datname ="
                + " current_database()) and query not like '%pg_stat_statements%' and query not like 'SET application_name%'"
                + " and query not like '%" + RowEstimates.MARK.trim() + "%'");
    }
}

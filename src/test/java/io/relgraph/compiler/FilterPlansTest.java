package io.relgraph.compiler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import graphql.parser.Parser;
import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.V1Catalog;

/**
 * The indexes a filter needs are there (V4_16__read_language_indexes.sql): on data of the bench's
 * shape (bench/seed.sql, scaled down: 1,000 departments, 30,000 employees, 3 links each), the plan
 * PostgreSQL picks for a compiled read whose where is anchored on an indexed column scans neither
 * {@code employee} nor {@code department_employee_link} sequentially. The tables are copies (with
 * their indexes) in a schema of the test's own, so the shared test database keeps its data.
 */
@QuarkusTest
class FilterPlansTest {

    private static final String SCHEMA = "plans16";
    private static final RelationalModel MODEL = V1Catalog.model();

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    @BeforeAll
    static void benchShapedData() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
            s.execute("create schema " + SCHEMA);
            for (String table : List.of("department", "employee", "department_employee_link", "users", "post", "address")) {
                s.execute("create table " + SCHEMA + "." + table + " (like public." + table + " including all)");
            }
            s.execute("set search_path = " + SCHEMA);
            s.execute("insert into department (id, name) overriding system value select g, 'Department ' || g from generate_series(1, 1000) g");
            s.execute("insert into employee (id, name, hired_on) overriding system value select g, 'Employee ' || g,"
                    + " now() - (g % 3650) * interval '1 day' from generate_series(1, 30000) g");
            s.execute("insert into department_employee_link (department_id, employee_id, extra_data) select ((e - 1 + k * 333) % 1000) + 1, e,"
                    + " (array['full-time', 'part-time', 'contractor'])[((e + k) % 3) + 1] from generate_series(1, 30000) e,"
                    + " generate_series(0, 2) k");
            s.execute("update department set head_id = id");
            s.execute("analyze department, employee, department_employee_link");
        }
    }

    @AfterAll
    static void dropIt() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    /** The plan of the compiled statement of a query, with its parameters as literals (a custom plan, as the first runs get). */
    private static String plan(String query) throws SQLException {
        List<Plan.Candidate> plan;
        try {
            plan = Planner.plan(Parser.parse(query), null, MODEL);
        } catch (Planner.NotCovered e) {
            throw new AssertionError(e);
        }
        SqlWriter.Statement statement = SqlWriter.write(plan, Map.of(), 1000, MODEL);
        StringBuilder args = new StringBuilder();
        for (Object p : statement.params()) {
            args.append(args.isEmpty() ? "" : ", ").append(literal(p));
        }
        StringBuilder out = new StringBuilder();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("set search_path = " + SCHEMA);
            s.execute("prepare q16 as " + statement.sql());
            try (ResultSet rs = s.executeQuery("explain execute q16" + (args.isEmpty() ? "" : "(" + args + ")"))) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String literal(Object p) {
        if (p == null) {
            return "null";
        }
        if (p instanceof Number) {
            return p.toString();
        }
        if (p instanceof Object[] array) {
            StringBuilder sb = new StringBuilder("'{");
            for (int i = 0; i < array.length; i++) {
                sb.append(i == 0 ? "" : ",").append('"').append(array[i].toString().replace("'", "''")).append('"');
            }
            return sb.append("}'").toString();
        }
        return "'" + p.toString().replace("'", "''") + "'";
    }

    private static void noSequentialScan(String query) throws SQLException {
        String plan = plan(query);
        assertFalse(plan.contains("Seq Scan on employee"), query + "\n" + plan);
        assertFalse(plan.contains("Seq Scan on department_employee_link"), query + "\n" + plan);
        assertTrue(plan.contains("Index"), plan);
    }

    @Test
    void anEmployeeNameFilterReadsTheNameIndex() throws SQLException {
        noSequentialScan("{ employees(first: 50, where: {name: {eq: \"Employee 12345\"}}) { name } }");
        noSequentialScan("{ employees(first: 50, where: {name: {startsWith: \"Employee 1234\"}}) { name hiredOn } }");
        noSequentialScan("{ employeePage(first: 50, where: {name: {in: [\"Employee 1\", \"Employee 2\"]}}, sort: [{hiredOn: DESC}]) {"
                + " totalCount items { name } } }");
    }

    @Test
    void linksOfEmployeesFoundByNameReadTheirIndexes() throws SQLException {
        noSequentialScan("{ links(where: {employee: {name: {eq: \"Employee 7\"}}}) { extraData department { name } } }");
        noSequentialScan("{ departments(first: 10, where: {employees: {some: {name: {eq: \"Employee 7\"}}}}) { name } }");
    }

    @Test
    void theBenchWorkloadsQ5AndQ6ReadIndexes() throws SQLException {
        noSequentialScan("{ employeePage(first: 50, where: {departmentLinks: {some: {extraData: {eq: \"part-time\"}, department: {name:"
                + " {startsWith: \"Department 1\"}}}}}, sort: [{name: ASC}]) { items { name departmentsAggregate { count } } } }");
        noSequentialScan("{ departmentPage(first: 20) { items { name employeeLinkGroups(by: [EXTRA_DATA]) { extraData count } } } }");
    }
}

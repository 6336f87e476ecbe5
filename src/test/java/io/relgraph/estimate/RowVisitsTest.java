package io.relgraph.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import graphql.execution.CoercedVariables;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import io.relgraph.CommittedSchema;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.V1Catalog;
import io.relgraph.request.QueryCost;

/**
 * The estimate of the rows a where visits (rule 6, {@code relgraph.graphql.max-row-visits}), without
 * a database: the model of V1 and the statistics ANALYZE gives the bench's data (bench/seed.sql: 1,000
 * departments, 100,000 employees, 300,000 links, 300 per department and 3 per employee, extraData
 * three values a third each), written out here. Each where is estimated through the request's own walk
 * ({@link QueryCost} over the committed schema), so the lists above a where multiply it as they do
 * in the service.
 */
class RowVisitsTest {

    private static final int PAGE_LIMIT = 1000;
    /** The default of relgraph.graphql.max-row-visits. */
    private static final long DEFAULT_LIMIT = 500_000;
    private static final RelationalModel MODEL = V1Catalog.model();
    private static GraphQLSchema schema;

    @BeforeAll
    static void schema() {
        schema = CommittedSchema.load();
    }

    /** What ANALYZE reports on the bench's seed (101 histogram bounds, as default_statistics_target 100 gives). */
    static Statistics bench() {
        Map<String, Double> rows = Map.of("department", 1000.0, "employee", 100_000.0, "department_employee_link", 300_000.0, "users", 10_000.0,
                "post", 100_000.0, "address", 20_000.0);
        Map<String, Statistics.Column> c = new HashMap<>();
        c.put("department.id", unique(true, false));
        c.put("department.name", new Statistics.Column(0, -1, null, null, textHistogram("Department ", 1000), false, true, true));
        c.put("department.head_id", unique(true, false));
        c.put("employee.id", unique(true, false));
        c.put("employee.name", new Statistics.Column(0, -1, null, null, textHistogram("Employee ", 100_000), false, true, true));
        c.put("employee.hired_on", new Statistics.Column(0, 3650, null, null, numbers(1.0e9, 1.0e9 + 3650 * 86400.0), true, true, false));
        c.put("department_employee_link.department_id", new Statistics.Column(0, 1000, null, null, null, true, true, false));
        c.put("department_employee_link.employee_id", new Statistics.Column(0, -1.0 / 3, null, null, null, true, true, false));
        c.put("department_employee_link.extra_data", new Statistics.Column(0, 3, List.of("contractor", "full-time", "part-time"),
                List.of(1.0 / 3, 1.0 / 3, 1.0 / 3), null, false, true, false));
        c.put("users.id", unique(true, false));
        c.put("users.name", new Statistics.Column(0, -1, null, null, null, false, false, false));
        c.put("post.owner_id", new Statistics.Column(0, 10_000, null, null, null, true, true, false));
        c.put("address.user_id", new Statistics.Column(0, 10_000, null, null, null, true, true, false));
        return Statistics.of(rows, c);
    }

    private static Statistics.Column unique(boolean indexed, boolean prefix) {
        return new Statistics.Column(0, -1, null, null, null, true, indexed, prefix);
    }

    /** The histogram of "prefix 1" .. "prefix n", in text order, as ANALYZE samples it: 101 bounds. */
    private static List<String> textHistogram(String prefix, int n) {
        List<String> all = new ArrayList<>(IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).sorted().toList());
        List<String> bounds = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            bounds.add(all.get((int) Math.round(i * (all.size() - 1) / 100.0)));
        }
        return bounds;
    }

    private static List<String> numbers(double from, double to) {
        List<String> bounds = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            bounds.add(Double.toString(from + (to - from) * i / 100));
        }
        return bounds;
    }

    private static ListSizes sizes(Statistics stats) {
        return ListSizes.of(Map.of(), PAGE_LIMIT, new RowVisits(MODEL, stats));
    }

    private static long visits(String document, Statistics stats) {
        return visits(document, stats, Map.of());
    }

    private static long visits(String document, Statistics stats, Map<String, Object> variables) {
        return QueryCost.of(schema, new Parser().parseDocument(document), null, CoercedVariables.of(variables), sizes(stats), PAGE_LIMIT)
                .visits();
    }

    static final String Q5 = "{ employeePage(first: 50, where: {departmentLinks: {some: {extraData: {eq: \"part-time\"}, department:"
            + " {name: {startsWith: \"Department 1\"}}}}}, sort: [{name: ASC}]) { totalCount items { name departmentsAggregate { count } } } }";

    @Test
    void aRequestWithoutAWhereVisitsNothing() {
        assertEquals(0, visits("{ departments(first: 1000) { employees(first: 10) { name } } }", bench()));
        assertEquals(0, visits("{ departmentPage(first: 20) { items { name employeeLinkGroups(by: [EXTRA_DATA]) { extraData count } } } }",
                bench()), "Q6");
    }

    @Test
    void aComparisonNoIndexServesScansTheTable() {
        assertEquals(100_000, visits("{ employees(first: 5, where: {name: {contains: \"99\"}}) { id } }", bench()));
        assertEquals(300_000, visits("{ linksAggregate(where: {extraData: {endsWith: \"time\"}}) { count } }", bench()));
        // not, ne and notIn anchor nothing, even on an indexed column
        assertEquals(100_000, visits("{ employees(first: 5, where: {not: {name: {eq: \"Employee 7\"}}}) { id } }", bench()));
        assertEquals(100_000, visits("{ employees(first: 5, where: {id: {ne: 7}}) { id } }", bench()));
    }

    @Test
    void aComparisonAnIndexServesVisitsTheRowsItFinds() {
        assertEquals(1, visits("{ employees(where: {id: {eq: 7}}) { id } }", bench()));
        assertEquals(3, visits("{ employees(where: {id: {in: [1, 2, 3]}}) { id } }", bench()));
        assertEquals(1, visits("{ employees(where: {name: {eq: \"Employee 7\"}}) { id } }", bench()), "a unique column: one row");
        // the most common value's frequency
        assertEquals(100_000, visits("{ linksAggregate(where: {extraData: {eq: \"part-time\"}}) { count } }", bench()));
        // an and is found through its cheapest anchored part, the rest checked on what it found
        assertEquals(1, visits("{ employees(where: {id: {eq: 7}, name: {contains: \"x\"}}) { id } }", bench()));
        // a range: the histogram's share (a tenth of the hire dates)
        long range = visits("query($t: DateTime) { employees(first: 5, where: {hiredOn: {lt: $t}}) { id } }", bench(),
                Map.of("t", "2002-09-09T01:46:40Z")); // a year after the first hire, of ten
        assertTrue(range > 5_000 && range < 15_000, "about a tenth of 100,000: " + range);
        // a prefix through the pattern index: 1, 10-19, 100-199 and 1000 of the 1,000 departments start with "Department 1"
        long prefix = visits("{ departments(where: {name: {startsWith: \"Department 1\"}}) { id } }", bench());
        assertTrue(prefix >= 80 && prefix <= 150, "about 112: " + prefix);
        // an or is anchored only when every branch is
        assertEquals(2, visits("{ employees(where: {or: [{id: {eq: 1}}, {name: {eq: \"Employee 9\"}}]}) { id } }", bench()));
        assertEquals(100_000, visits("{ employees(first: 5, where: {or: [{id: {eq: 1}}, {name: {contains: \"9\"}}]}) { id } }", bench()));
    }

    @Test
    void aQuantifierVisitsTheListOfEveryRowItChecks() {
        // every department (1,000) checks its 300 employees: 300 links and 300 employees each
        assertEquals(1000 * (1 + 300 * 2), visits("{ departments(where: {employees: {some: {name: {contains: \"x\"}}}}) { id } }", bench()));
        assertEquals(1000 * (1 + 300 * 2), visits("{ departments(where: {employees: {every: {name: {eq: \"x\"}}}}) { id } }", bench()),
                "every is never anchored");
        // a to-one relation: the related row
        assertEquals(300_000 * 2, visits("{ linksAggregate(where: {employee: {name: {contains: \"x\"}}}) { count } }", bench()));
    }

    @Test
    void aSomeWhoseWhereIsAnchoredFindsTheRelatedRowsFirst() {
        // the employees of department 7: its 300 links through the key, then their employees
        long ofOne = visits("{ employees(first: 5, where: {departments: {some: {id: {eq: 7}}}}) { id } }", bench());
        assertEquals(1 + 2 * 300, ofOne);
        // Q5: the departments whose name starts with "Department 1" (about 112), their links (300 each), their employees
        long q5 = visits(Q5, bench());
        assertTrue(q5 > 50_000 && q5 < 90_000, "Q5 is anchored on the departments' name, about 2 × 112 × 300: " + q5);
        assertTrue(q5 < DEFAULT_LIMIT / 5, "Q5 is far below the default limit: " + q5);
        // part-time anywhere: the part-time links (a third), their employees
        long partTime = visits("{ employeePage(first: 50, where: {departmentLinks: {some: {extraData: {eq: \"part-time\"}}}}) { totalCount } }",
                bench());
        assertEquals(200_000, partTime);
    }

    @Test
    void aWhereInARelationListCountsOncePerParentAsTheRowLimitCountsThem() {
        // the brief's example: an unanchored contains over every employee, in each of a list of departments
        String nested = "{ departments(first: 1000) { name employees(first: 10, where: {name: {contains: \"x\"}}) { name } } }";
        assertEquals(1000L * 300 * 2, visits(nested, bench()));
        assertTrue(visits(nested, bench()) > DEFAULT_LIMIT, "refused by default");
        assertEquals(10L * 300 * 2, visits(nested.replace("first: 1000", "first: 10"), bench()), "ten departments are answered");
        // aggregates and groups of a relation filter its list: per parent; a page's items are the page's first
        assertEquals(20L * 300 * 1, visits("{ departmentPage(first: 20) { items { employeeLinkGroups(by: [EXTRA_DATA], where:"
                + " {extraData: {ne: \"x\"}}) { count } } } }", bench()));
        assertEquals(50L * 3 * 2, visits("{ employeePage(first: 50) { items { departmentsAggregate(where: {name: {contains: \"x\"}})"
                + " { count } } } }", bench()));
        // two wheres add up
        assertEquals(100_000 + 1, visits("{ a: employees(first: 1, where: {name: {contains: \"1\"}}) { id } b: employees(where: {id: {eq: 1}})"
                + " { id } }", bench()));
    }

    @Test
    void aRootListsNarrowingArgumentsAnchorItsWhere() {
        assertEquals(300, visits("{ links(departmentId: 7, where: {extraData: {contains: \"x\"}}) { extraData } }", bench()) - 1);
        assertEquals(100_000, visits("{ links(extraData: \"part-time\", where: {extraData: {contains: \"x\"}}) { extraData } }", bench()));
    }

    @Test
    void aWhereInAVariableIsEstimatedWithItsValue() {
        Map<String, Object> w = Map.of("name", Map.of("contains", "9"));
        assertEquals(100_000, visits("query($w: EmployeeWhere) { employees(first: 5, where: $w) { id } }", bench(), Map.of("w", w)));
        assertEquals(1, visits("query($w: EmployeeWhere) { employees(first: 5, where: $w) { id } }", bench(),
                Map.of("w", Map.of("id", Map.of("eq", "4")))));
        assertEquals(0, visits("query($w: EmployeeWhere) { employees(first: 5, where: $w) { id } }", bench(), Map.of()));
    }

    @Test
    void withoutStatisticsNothingIsVisitedAndAMalformedWhereCountsNothing() {
        assertEquals(0, visits("{ departments(first: 1000) { employees(first: 10, where: {name: {contains: \"x\"}}) { name } } }",
                Statistics.none()));
        // what Filters refuses afterwards (a null condition, an empty match) counts nothing here: the table is scanned
        Map<String, Object> nullEq = new HashMap<>();
        nullEq.put("eq", null);
        Map<String, Object> bad = Map.of("name", nullEq, "employees", Map.of());
        assertEquals(1000, visits("query($w: DepartmentWhere) { departments(first: 5, where: $w) { id } }", bench(), Map.of("w", bad)));
    }

    @Test
    void theAnchorIsTheCheapestPath() {
        RowVisits v = new RowVisits(MODEL, bench());
        RelationalModel.Entity employee = MODEL.entity("Employee");
        assertNull(v.anchored(employee, Map.of("name", Map.of("contains", "x")), 0));
        assertNull(v.anchored(employee, Map.of(), 0), "the true where scans");
        RowVisits.Anchor id = v.anchored(employee, Map.of("id", Map.of("eq", "1")), 0);
        assertNotNull(id);
        assertEquals(1, id.rows(), 1e-9);
        assertEquals(0, v.root(employee, Map.of("or", List.of())), 1e-9, "or: [] is false: nothing to visit");
    }
}

package io.relgraph.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import graphql.execution.CoercedVariables;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import io.relgraph.CommittedSchema;
import io.relgraph.estimate.ListSizes;
import io.relgraph.estimate.SizedList;
import io.relgraph.model.V1Catalog;

/**
 * The row estimate's rule, on the committed schema and sizes given by hand (no Quarkus, no
 * database): a list with first counts its first, a list without first the longest such list the
 * data holds (never more than the page limit), a root list its table's rows or the largest group an
 * argument selects; multiplied down each path and summed.
 */
class DataBasedRowEstimateTest {

    private static final int PAGE_LIMIT = 1000;
    /** The lists the row estimate measures, as the relational model of the migrations gives them. */
    private static final List<SizedList> LISTS = SizedList.of(V1Catalog.model());
    private static final SizedList DEPARTMENTS = list("Query.departments");
    private static final SizedList EMPLOYEES = list("Query.employees");
    private static final SizedList EMPLOYEES_BY_NAME = list("Query.employees(name)");
    private static final SizedList USERS = list("Query.users");
    private static final SizedList LINKS = list("Query.links");
    private static final SizedList LINKS_BY_DEPARTMENT = list("Query.links(departmentId)");
    private static final SizedList LINKS_BY_EMPLOYEE = list("Query.links(employeeId)");
    private static final SizedList LINKS_BY_EXTRA_DATA = list("Query.links(extraData)");
    private static final SizedList DEPARTMENT_EMPLOYEES = list("Department.employees");
    private static final SizedList DEPARTMENT_EMPLOYEE_LINKS = list("Department.employeeLinks");
    private static final SizedList EMPLOYEE_DEPARTMENTS = list("Employee.departments");
    private static final SizedList EMPLOYEE_DEPARTMENT_LINKS = list("Employee.departmentLinks");
    private static final SizedList USER_POSTS = list("User.posts");
    private static final SizedList USER_ADDRESSES = list("User.addresses");
    private static GraphQLSchema schema;

    private static SizedList list(String coordinate) {
        return LISTS.stream().filter(l -> l.coordinate().equals(coordinate)).findFirst()
                .orElseThrow(() -> new AssertionError("the model measures no list " + coordinate + ": " + LISTS));
    }

    @BeforeAll
    static void schema() {
        schema = CommittedSchema.load();
    }

    /** The article's data: IT (John part-time, Bill), HR (Mary, John), three employees of distinct names, two users. */
    private static ListSizes article() {
        Map<SizedList, Long> m = new LinkedHashMap<>();
        m.put(DEPARTMENTS, 2L);
        m.put(EMPLOYEES, 3L);
        m.put(EMPLOYEES_BY_NAME, 1L);
        m.put(USERS, 2L);
        m.put(LINKS, 4L);
        m.put(LINKS_BY_DEPARTMENT, 2L);
        m.put(LINKS_BY_EMPLOYEE, 2L);
        m.put(LINKS_BY_EXTRA_DATA, 1L);
        m.put(DEPARTMENT_EMPLOYEES, 2L);
        m.put(DEPARTMENT_EMPLOYEE_LINKS, 2L);
        m.put(EMPLOYEE_DEPARTMENTS, 2L);
        m.put(EMPLOYEE_DEPARTMENT_LINKS, 2L);
        m.put(USER_POSTS, 2L);
        m.put(USER_ADDRESSES, 2L);
        return ListSizes.of(m, PAGE_LIMIT);
    }

    private static ListSizes sizes(Object... listAndSize) {
        Map<SizedList, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < listAndSize.length; i += 2) {
            m.put((SizedList) listAndSize[i], ((Number) listAndSize[i + 1]).longValue());
        }
        return ListSizes.of(m, PAGE_LIMIT);
    }

    private static QueryCost cost(String document, ListSizes sizes, Map<String, Object> variables) {
        return QueryCost.of(schema, new Parser().parseDocument(document), null, CoercedVariables.of(variables), sizes, PAGE_LIMIT);
    }

    private static long rows(String document, ListSizes sizes) {
        return cost(document, sizes, Map.of()).rows();
    }

    @Test
    void theArticlesQueriesCountTheArticlesData() {
        // John (1) + his departments (2) + his links (2) and their departments (2)
        assertEquals(7, rows("{ employees(name: \"John\") { name departments { name } departmentLinks { extraData department { name } } } }",
                article()));
        // IT (1), its links (2) and their employees (2), their links (2 × 2) and departments (4), those departments' links
        // (4 × 2) and their employees (8)
        assertEquals(29, rows("{ department(id: 1) { employeeLinks { employee { departmentLinks { department { employeeLinks"
                + " { employee { name } } } } } } } }", article()));
    }

    @Test
    void aListWithFirstCountsItsFirstWhateverTheDataHolds() {
        String q = "{ departments(first: 10) { employees(first: 50) { name } } }";
        assertEquals(510, rows(q, article()));
        assertEquals(510, rows(q, sizes(DEPARTMENT_EMPLOYEES, 900, DEPARTMENTS, 900)));
        assertEquals(510, rows(q, ListSizes.unknown(PAGE_LIMIT)));
    }

    @Test
    void aListWithoutFirstCountsTheLongestSuchListTheDataHolds() {
        ListSizes s = sizes(DEPARTMENTS, 40, DEPARTMENT_EMPLOYEES, 7, EMPLOYEE_DEPARTMENT_LINKS, 3);
        assertEquals(10 + 10 * 7, rows("{ departments(first: 10) { employees { id } } }", s));
        assertEquals(40 + 40 * 7 + 40 * 7 * 3 + 40 * 7 * 3, rows("{ departments { employees { departmentLinks { department { id } } } } }", s));
    }

    @Test
    void neverMoreThanThePageLimitAndThePageLimitWhereNothingIsMeasured() {
        assertEquals(1000 + 1000 * 1000, rows("{ departments { employees { name } } }", sizes(DEPARTMENTS, 5000,
                DEPARTMENT_EMPLOYEES, 1_000_000)));
        // before the first measure, and for a list no measure names (a key change's cascaded rows)
        assertEquals(1000 + 1000 * 1000, rows("{ departments { employees { name } } }", ListSizes.unknown(PAGE_LIMIT)));
        assertEquals(2 + 2 * 1000, rows("{ users { posts { id } } }", sizes(USERS, 2)));
    }

    @Test
    void aRootListCountsItsRowsOrTheLargestGroupAnArgumentSelects() {
        ListSizes s = sizes(EMPLOYEES, 500, EMPLOYEES_BY_NAME, 3, LINKS, 800,
                LINKS_BY_DEPARTMENT, 60, LINKS_BY_EMPLOYEE, 4, LINKS_BY_EXTRA_DATA, 200);
        assertEquals(500, rows("{ employees { id } }", s));
        assertEquals(3, rows("{ employees(name: \"Ann\") { id } }", s));
        assertEquals(500, rows("{ employees(name: null) { id } }", s), "a null name filters nothing");
        assertEquals(800, rows("{ links { extraData } }", s));
        assertEquals(60, rows("{ links(departmentId: 1) { extraData } }", s));
        assertEquals(4, rows("{ links(departmentId: 1, employeeId: 2) { extraData } }", s), "the narrowest argument decides");
        assertEquals(200, rows("{ links(extraData: \"part-time\") { extraData } }", s));
        assertEquals(2, rows("{ employees(name: \"Ann\", first: 2) { id } }", s), "first decides where there is one");
    }

    @Test
    void anEmptyRelationCostsNothingBelowIt() {
        assertEquals(25, rows("{ users(first: 25) { posts { owner { addresses { id } } } } }", sizes(USER_POSTS, 0,
                USER_ADDRESSES, 900)));
    }

    @Test
    void theBenchDatasRoundTripIsStillHundredsOfThousands() {
        // bench/: 1,000 departments, 300,000 links (about 300 per department, 3 per employee at most)
        ListSizes bench = sizes(DEPARTMENTS, 1000, DEPARTMENT_EMPLOYEE_LINKS, 340,
                EMPLOYEE_DEPARTMENT_LINKS, 3);
        long rows = rows("{ department(id: 1) { employeeLinks { employee { departmentLinks { department { employeeLinks"
                + " { employee { name } } } } } } } }", bench);
        assertEquals(1 + 340 + 340 + 340 * 3 + 340 * 3 + 340 * 3 * 340 + 340 * 3 * 340, rows);
        assertTrue(rows > 100_000, "over relgraph.graphql.max-rows: " + rows);
    }

    @Test
    void pagesCountTheirFirstAndTheirItemsListsTheData() {
        ListSizes s = sizes(DEPARTMENT_EMPLOYEES, 5);
        assertEquals(1 + 100 + 100 * 5, rows("{ departmentPage { items { employees { id } } } }", s), "the page, its items (first defaults to 100), their employees");
        assertEquals(1 + 10 + 10 * 5, rows("{ departmentPage(first: 10) { items { employees { id } } totalCount } }", s));
    }

    @Test
    void aCostAVariableNarrowedHoldsForItsRequestOnly() {
        ListSizes s = sizes(EMPLOYEES, 500, EMPLOYEES_BY_NAME, 3);
        QueryCost named = cost("query($n: String) { employees(name: $n) { id } }", s, Map.of("n", "Ann"));
        assertEquals(3, named.rows());
        assertTrue(named.narrowedByVariable());
        java.util.HashMap<String, Object> none = new java.util.HashMap<>();
        none.put("n", null);
        assertEquals(500, cost("query($n: String) { employees(name: $n) { id } }", s, none).rows());
        assertFalse(cost("{ employees(name: \"Ann\") { id } }", s, Map.of()).narrowedByVariable());
        assertFalse(cost("query($f: Int) { employees(first: $f, name: \"Ann\") { id } }", s, Map.of("f", 2)).narrowedByVariable());
        assertTrue(cost("{ employees(name: \"Ann\") { id } }", s, Map.of()).sizes() == s, "the cost names the sizes it was counted with");
    }
}

package io.relgraph.estimate;

import static io.relgraph.GraphQL.error;
import static io.relgraph.GraphQL.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Where lists really are long the article's round trip is still refused before any SQL, with the
 * data-based estimate and the limit in the message: a department of 400 employees (written by SQL
 * beside the API, then measured by the application's own refresh) makes every department's
 * employee links count 400. A query whose lists stay short (John by name) is still answered, and
 * once the rows are gone the round trip is answered again.
 */
@QuarkusTest
@TestProfile(ArticleData.class)
class LongListsRefusedTest {

    private static final int CROWD = 400;

    @Test
    void theRoundTripOverALongDepartmentIsRefusedWithTheDataBasedEstimate() {
        Crowd crowd = Crowd.of("Crowded", CROWD);
        long department = crowd.department();
        try {
            Map<String, Long> sizes = MeasuredSizes.awaitCurrent();
            long perDepartment = sizes.get("Department.employeeLinks");
            long perEmployee = sizes.get("Employee.departmentLinks");
            assertEquals(CROWD, perDepartment);

            // department 1, its links and their employees, their links and departments, those departments' links and employees
            long estimate = 1 + 2 * perDepartment + 2 * perDepartment * perEmployee + 2 * perDepartment * perEmployee * perDepartment;
            String message = error("LIMIT_EXCEEDED", ArticleQueriesAnsweredTest.ROUND_TRIP);
            assertTrue(message.contains(String.format(Locale.ROOT, "%,d", estimate)), "the estimate " + estimate + " in: " + message);
            assertTrue(message.contains("100,000") && message.contains("relgraph.graphql.max-rows"), message);

            // lists that really are short are still answered: one John, in two departments
            ok(ArticleQueriesAnsweredTest.JOHN);
            // and the long department itself, all 400 of it (1 + 400 objects)
            assertEquals(CROWD, ok("query($d: ID!) { department(id: $d) { employeeLinks { extraData } } }", "d", department)
                    .getList("data.department.employeeLinks").size());
        } finally {
            crowd.remove();
        }
        MeasuredSizes.awaitCurrent();
        assertEquals(0, crowd.employeesLeft());
        ok(ArticleQueriesAnsweredTest.ROUND_TRIP);
    }
}

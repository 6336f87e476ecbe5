package io.relgraph.estimate;

import static io.relgraph.GraphQL.error;
import static io.relgraph.GraphQL.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.Database;
import io.relgraph.GraphQL;

/**
 * A list that grew after the last measure (rows inserted just now, behind the application's back) is
 * answered in full, never cut at the measured length; past the page limit the statement's own guard
 * refuses it with LIMIT_EXCEEDED. Both hold whether or not a refresh ran in between, so the answer
 * never depends on when the sizes were measured.
 */
@QuarkusTest
@TestProfile(ArticleData.class)
class ListsLongerThanMeasuredTest {

    @Test
    void aListThatGrewSinceTheMeasureIsAnsweredInFullOrRefusedByTheStatementsGuard() {
        String name = GraphQL.unique("Growing");
        long department = ((Number) Database.value("insert into department (name) values (?) returning id", name)).longValue();
        try {
            long measured = MeasuredSizes.awaitCurrent().get("Department.employees");
            long grown = measured + 3;
            link(department, name, 1, grown);
            List<String> names = ok("query($d: ID!) { department(id: $d) { employees { name } } }", "d", department)
                    .getList("data.department.employees.name");
            assertEquals(grown, names.size(), "all " + grown + " employees, not the " + measured + " measured: " + names);
            assertEquals(Database.rows("select e.name from department_employee_link l join employee e on e.id = l.employee_id"
                    + " where l.department_id = ? order by e.id", department).stream().map(r -> r.get("name")).toList(), names);

            link(department, name, grown + 1, 1001);
            String message = error("LIMIT_EXCEEDED", "query($d: ID!) { department(id: $d) { employees { name } } }", "d", department);
            assertTrue(message.contains("1000") && message.contains("first and after"), "the page limit's guard: " + message);
        } finally {
            Database.update("delete from department where id = ?", department);
            Database.update("delete from employee where name like ?", name + "-%");
        }
        MeasuredSizes.awaitCurrent();
    }

    /** Employees from..to of the name, linked to the department, by SQL in one statement each. */
    private static void link(long department, String name, long from, long to) {
        Database.update("insert into employee (name) select ? || '-' || g from generate_series(?::int, ?::int) g", name, from, to);
        Database.update("insert into department_employee_link (department_id, employee_id) select ?, id from employee"
                + " where name like ? and not exists (select 1 from department_employee_link l where l.department_id = ? and l.employee_id = employee.id)",
                department, name + "-%", department);
    }
}

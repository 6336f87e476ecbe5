package io.relgraph.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.relgraph.model.V1Catalog;

/**
 * The lists the row estimate measures come from the relational model alone (no list is named by hand):
 * every root list and each argument that narrows it, every relation list from both ends, each with the
 * table and column its length is counted by.
 */
class SizedListTest {

    private static final List<SizedList> LISTS = SizedList.of(V1Catalog.model());

    @Test
    void everyListOfTheModelIsMeasured() {
        Set<String> coordinates = new TreeSet<>();
        LISTS.forEach(l -> coordinates.add(l.coordinate()));
        assertEquals(new TreeSet<>(List.of("Query.departments", "Query.employees", "Query.employees(name)", "Query.users",
                "Query.links", "Query.links(departmentId)", "Query.links(employeeId)", "Query.links(extraData)",
                "Department.employees", "Department.employeeLinks", "Employee.departments", "Employee.departmentLinks",
                "User.posts", "User.addresses")), coordinates);
    }

    @Test
    void aManyToManyIsCountedByTheLinkTablesKeyToTheParent() {
        SizedList employees = list("Department.employees");
        assertEquals("department_employee_link", employees.table());
        assertEquals("department_id", employees.groupedBy());
        assertEquals("coalesce((select least(count(*), 1001) from department_employee_link where department_id is not null"
                + " group by department_id order by count(*) desc limit 1), 0)", employees.measure(1001));
        // the same measure as the link list of the same end: the statement measures it once
        assertEquals(employees.measure(1001), list("Department.employeeLinks").measure(1001));
    }

    @Test
    void aRootListCountsItsTableUpToTheCapAndANarrowingArgumentItsLargestGroup() {
        assertEquals("(select count(*) from (select 1 from employee limit 1001) t)", list("Query.employees").measure(1001));
        SizedList byName = list("Query.employees(name)");
        assertEquals("employee", byName.table());
        assertEquals("name", byName.groupedBy());
        assertEquals("User.posts", list("User.posts").coordinate());
        assertEquals("owner_id", list("User.posts").groupedBy());
    }

    @Test
    void oneStatementMeasuresEveryDistinctMeasureOnce() {
        String sql = SizedList.statement(LISTS, 1000);
        long columns = SizedList.measures(LISTS, 1000).size();
        // 14 lists: a department's employees, its links and links(departmentId) are one measure, the employee's two and links(employeeId) another
        assertEquals(10, columns, sql);
        assertEquals(columns, sql.split("coalesce\\(\\(select|\\(select count\\(\\*\\) from \\(select 1", -1).length - 1);
    }

    private static SizedList list(String coordinate) {
        return LISTS.stream().filter(l -> l.coordinate().equals(coordinate)).findFirst().orElseThrow();
    }
}

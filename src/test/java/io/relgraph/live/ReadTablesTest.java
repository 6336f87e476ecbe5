package io.relgraph.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which tables' changes re-run a live query, from the types and relation fields of its selection. */
class ReadTablesTest {

    @Test
    void aTypeReadsItsTableAndAPageItsItemsTable() {
        assertEquals(Set.of("department"), ReadTables.of(List.of("Department"), List.of("Department.name")));
        assertEquals(Set.of("users", "post"), ReadTables.of(List.of("UserPage", "User", "Post"), List.of("User.posts", "Post.title")));
    }

    @Test
    void theManyToManyListsReadTheLinkTableThoughTheyNameNoLinkType() {
        assertEquals(Set.of("department", "employee", "department_employee_link"),
                ReadTables.of(List.of("Department", "Employee"), List.of("Department.employees", "Employee.name")));
        assertEquals(Set.of("department", "employee", "department_employee_link"),
                ReadTables.of(List.of("Employee", "Department"), List.of("Employee.departments")));
    }

    @Test
    void aToOneReadsOnlyTheTablesOfItsTypes() {
        assertEquals(Set.of("department", "employee"), ReadTables.of(List.of("Department", "Employee"), List.of("Department.head")));
    }

    @Test
    void aTypeItDoesNotKnowMakesTheQueryDependOnEveryTable() {
        assertEquals(Set.of(ReadTables.ALL), ReadTables.of(List.of("Department", "Invoice"), List.of("Department.invoices")));
    }
}

package io.relgraph.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.relgraph.model.RelationalModel;
import io.relgraph.model.V1Catalog;

/** Which tables' changes re-run a live query, from the types and relation fields of its selection. */
class ReadTablesTest {

    private static final RelationalModel MODEL = V1Catalog.model();

    @Test
    void aTypeReadsItsTableAndAPageItsItemsTable() {
        assertEquals(Set.of("department"), ReadTables.of(MODEL, List.of("Department"), List.of("Department.name")));
        assertEquals(Set.of("users", "post"), ReadTables.of(MODEL, List.of("UserPage", "User", "Post"), List.of("User.posts", "Post.title")));
    }

    @Test
    void theManyToManyListsReadTheLinkTableThoughTheyNameNoLinkType() {
        assertEquals(Set.of("department", "employee", "department_employee_link"),
                ReadTables.of(MODEL, List.of("Department", "Employee"), List.of("Department.employees", "Employee.name")));
        assertEquals(Set.of("department", "employee", "department_employee_link"),
                ReadTables.of(MODEL, List.of("Employee", "Department"), List.of("Employee.departments")));
    }

    @Test
    void aToOneReadsOnlyTheTablesOfItsTypes() {
        assertEquals(Set.of("department", "employee"), ReadTables.of(MODEL, List.of("Department", "Employee"), List.of("Department.head")));
    }

    @Test
    void aTypeItDoesNotKnowMakesTheQueryDependOnEveryTable() {
        assertEquals(Set.of(ReadTables.ALL), ReadTables.of(MODEL, List.of("Department", "Invoice"), List.of("Department.invoices")));
    }
}

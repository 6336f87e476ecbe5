package io.relgraph.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.relgraph.db.ForeignKeys.Action;
import io.relgraph.db.ForeignKeys.ForeignKey;
import io.relgraph.model.ApiNames;
import io.relgraph.model.CatalogFacts;
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

    @Test
    void aRelationTheDeclarationAddsIsReadWithoutALineHere() {
        // Department -> Project as docs/architecture.md adds it: a migration's table and foreign key, one declaration
        CatalogFacts v1 = V1Catalog.facts();
        Map<String, CatalogFacts.Table> tables = new LinkedHashMap<>(v1.tables());
        tables.put("project", new CatalogFacts.Table("project", new LinkedHashMap<>(Map.of("id", "bigint", "name", "character varying",
                "department_id", "bigint")), List.of("id")));
        List<ForeignKey> keys = new ArrayList<>(v1.foreignKeys());
        keys.add(new ForeignKey("project_department_id_fkey", "project", "department_id", "department", "id", true, Action.CASCADE,
                Action.CASCADE, false, true, false, false));
        ApiNames.Declaration api = ApiNames.API;
        List<ApiNames.Type> types = new ArrayList<>(api.types());
        types.add(new ApiNames.Type("Project", "project", Map.of("id", "id", "name", "name"), false));
        List<ApiNames.Reference> references = new ArrayList<>(api.references());
        references.add(new ApiNames.Reference("project", "department_id", "department", "projects"));
        RelationalModel model = RelationalModel.build(new ApiNames.Declaration(types, references, api.manyToMany(), api.roots()),
                new CatalogFacts(tables, keys));

        assertEquals(Set.of("department", "project"), ReadTables.of(model, List.of("Department", "Project"), List.of("Department.projects")));
        assertEquals(List.of("id", "name", "department_id"), model.entity("Project").rowColumns());
    }
}

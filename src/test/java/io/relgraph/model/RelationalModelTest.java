package io.relgraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.relgraph.db.ForeignKeys.Action;
import io.relgraph.db.ForeignKeys.ForeignKey;
import io.relgraph.model.RelationalModel.Format;

/**
 * The model derives every relation of the API (both directions, to-one and to-many, the link table
 * as its own view and as a many-to-many, list order and page key) from the catalog's keys and the
 * declared names alone, and refuses a schema it cannot serve with a message that names the problem.
 */
class RelationalModelTest {

    private final RelationalModel model = V1Catalog.model();

    @Test
    void toOneRelationsFollowAForeignKeyFromEitherEnd() {
        assertEquals(new RelationalModel.Referenced("Employee", "head_id"), model.entity("Department").toOne().get("head"));
        // head_id is unique: from the employee's end it is a to-one as well
        assertEquals(new RelationalModel.ReferencedBy("Department", "head_id"), model.entity("Employee").toOne().get("headOf"));
        assertEquals(new RelationalModel.Referenced("Department", "department_id"), model.entity("DepartmentEmployeeLink").toOne().get("department"));
        assertEquals(new RelationalModel.Referenced("User", "owner_id"), model.entity("Post").toOne().get("owner"));
        assertEquals(new RelationalModel.Referenced("User", "user_id"), model.entity("Address").toOne().get("user"));
    }

    @Test
    void listsArePagedByTheRestOfTheTargetsPrimaryKey() {
        assertEquals(new RelationalModel.Referencing("Post", "owner_id", "id"), model.entity("User").toMany().get("posts"));
        assertEquals(new RelationalModel.Referencing("Address", "user_id", "id"), model.entity("User").toMany().get("addresses"));
        // the link table as its own view: ordered by the other half of its primary key
        assertEquals(new RelationalModel.Referencing("DepartmentEmployeeLink", "department_id", "employee_id"),
                model.entity("Department").toMany().get("employeeLinks"));
        assertEquals(new RelationalModel.Referencing("DepartmentEmployeeLink", "employee_id", "department_id"),
                model.entity("Employee").toMany().get("departmentLinks"));
        // and the many-to-many through it, both ways
        assertEquals(new RelationalModel.Through("Employee", "department_employee_link", "department_id", "employee_id"),
                model.entity("Department").toMany().get("employees"));
        assertEquals(new RelationalModel.Through("Department", "department_employee_link", "employee_id", "department_id"),
                model.entity("Employee").toMany().get("departments"));
    }

    @Test
    void columnsTakeTheirFormatFromTheirType() {
        var employee = model.entity("Employee");
        assertEquals(Map.of("id", Format.ID, "name", Format.TEXT, "hiredOn", Format.DATE_TIME),
                Map.of("id", employee.columns().get("id").format(), "name", employee.columns().get("name").format(), "hiredOn",
                        employee.columns().get("hiredOn").format()));
        assertEquals("hired_on", employee.columns().get("hiredOn").name());
        assertEquals(List.of("department_id", "employee_id"), model.entity("DepartmentEmployeeLink").primaryKey());
        assertEquals("users", model.entity("User").table());
        assertTrue(model.entity("User").keyed());
        assertTrue(!model.entity("Post").keyed());
    }

    @Test
    void everyFieldOfTheModelsTypesInSchemaGraphqlIsAColumnOrARelationOfTheModel() throws Exception {
        // the declaration and the served schema name the same fields: a field added to one only is noticed here
        var schema = new graphql.schema.idl.SchemaParser().parse(java.nio.file.Files.readString(java.nio.file.Path.of("schema.graphql")));
        for (RelationalModel.Entity e : model.entities().values()) {
            var type = schema.getType(e.type(), graphql.language.ObjectTypeDefinition.class).orElseThrow(() -> new AssertionError(e.type()));
            java.util.Set<String> modelled = new java.util.TreeSet<>(e.columns().keySet());
            modelled.addAll(e.toOne().keySet());
            modelled.addAll(e.toMany().keySet());
            // the read language's fields over a list of the model (issue 16): its aggregate, and a link list's groups
            for (String list : e.toMany().keySet()) {
                modelled.add(list + "Aggregate");
                if (model.entity(e.toMany().get(list).target()).primaryKey().size() > 1) {
                    modelled.add(list.replaceAll("s$", "") + "Groups");
                }
            }
            assertEquals(new java.util.TreeSet<>(type.getFieldDefinitions().stream().map(graphql.language.FieldDefinition::getName).toList()),
                    modelled, "fields of " + e.type());
        }
        assertEquals(6, model.entities().size());
    }

    @Test
    void rootFieldsFilterByTheColumnsTheirArgumentsName() {
        RelationalModel.Root links = model.root("links");
        assertEquals(ApiNames.Read.LIST, links.read());
        assertEquals("DepartmentEmployeeLink", links.entity().type());
        // a to-one's name with Id is its foreign key; a field is its column
        assertEquals(List.of("department_id", "employee_id", "extra_data"), links.arguments().values().stream().map(RelationalModel.Column::name).toList());
        assertEquals(Format.ID, links.arguments().get("departmentId").format());
        assertEquals("name", model.root("departmentByName").arguments().get("name").name());
        assertEquals("LinkPage", model.root("linkPage").pageType());
        assertEquals("DepartmentEmployeeLink", model.entityOfPage("LinkPage").type());
        // a row as the resolver engine maps it: its key, its columns, its to-ones' foreign keys
        assertEquals(List.of("id", "name", "head_id"), model.entity("Department").rowColumns());
        assertEquals(List.of("department_id", "employee_id", "extra_data"), model.entity("DepartmentEmployeeLink").rowColumns());
    }

    @Test
    void theReadLanguagesNamesAreDeclaredNotWrittenWhereTheyAreRead() {
        // the link's aggregate, min/max and group types are "Link...", every other type's its own name
        assertEquals("Link", model.entity("DepartmentEmployeeLink").shortName());
        assertEquals("Department", model.entity("Department").shortName());
        // Query.linkGroups groups the link table's rows
        assertEquals(ApiNames.Read.GROUPS, model.root("linkGroups").read());
        assertEquals("DepartmentEmployeeLink", model.root("linkGroups").entity().type());
        assertEquals("DEPARTMENT_EMPLOYEE_LINK", ApiNames.constant("DepartmentEmployeeLink"));
        assertEquals("EXTRA_DATA", ApiNames.constant("extraData"));
    }

    @Test
    void aRowIsReadByItsKeyThroughTheRootFieldWhoseArgumentsAreTheKey() {
        // a mutation's payload reads the written row by its key: department(id:), or links filtered to one
        assertEquals("department", model.rootByKey(model.entity("Department")).field());
        assertEquals("employee", model.rootByKey(model.entity("Employee")).field());
        RelationalModel.Root links = model.rootByKey(model.entity("DepartmentEmployeeLink"));
        assertEquals("links", links.field());
        assertEquals("departmentId", links.argumentOf("department_id"));
        assertEquals("employeeId", links.argumentOf("employee_id"));
        assertEquals("select department_id, employee_id, extra_data from department_employee_link where department_id = $1 and employee_id = $2",
                model.entity("DepartmentEmployeeLink").rowByKey());
    }

    @Test
    void aKeyedTypeNeedsOneBigintKey() {
        ApiNames.Declaration api = ApiNames.API;
        List<ApiNames.Type> types = new ArrayList<>(api.types());
        types.replaceAll(t -> t.type().equals("DepartmentEmployeeLink") ? new ApiNames.Type(t.type(), t.table(), t.fields(), true, t.shortName()) : t);
        var e = assertThrows(RelationalModel.UnservableSchema.class, () -> RelationalModel.build(
                new ApiNames.Declaration(types, api.references(), api.manyToMany(), api.roots()), V1Catalog.facts()));
        assertTrue(e.getMessage().contains("department_employee_link (GraphQL type DepartmentEmployeeLink) is declared keyed, but its primary key"
                + " [department_id, employee_id] is not one bigint column"), e.getMessage());
    }

    @Test
    void aRootArgumentThatNamesNoColumnIsRefusedByName() {
        ApiNames.Declaration api = ApiNames.API;
        List<ApiNames.Root> roots = new ArrayList<>(api.roots());
        roots.add(new ApiNames.Root("postsByColour", "Post", ApiNames.Read.LIST, List.of("colour"), null));
        var e = assertThrows(RelationalModel.UnservableSchema.class, () -> RelationalModel.build(
                new ApiNames.Declaration(api.types(), api.references(), api.manyToMany(), roots), V1Catalog.facts()));
        assertTrue(e.getMessage().contains("postsByColour(colour:)"), e.getMessage());
    }

    @Test
    void aForeignKeyAKeyChangeWouldBreakIsRefusedByName() {
        CatalogFacts v1 = V1Catalog.facts();
        List<ForeignKey> keys = new ArrayList<>(v1.foreignKeys());
        // address.user_id as if declared without DEFERRABLE INITIALLY DEFERRED: changing a user's id would fail on it
        keys.replaceAll(k -> k.name().equals("address_user_id_fkey")
                ? new ForeignKey("address_user_must_follow", k.table(), k.column(), k.referencedTable(), k.referencedColumn(), true,
                        Action.NO_ACTION, Action.NO_ACTION, true, false, false, false)
                : k);
        var e = assertThrows(RelationalModel.UnservableSchema.class, () -> RelationalModel.build(ApiNames.API, new CatalogFacts(v1.tables(), keys)));
        assertTrue(e.getMessage().contains("address_user_must_follow (address.user_id -> users.id)"), e.getMessage());
        assertTrue(e.getMessage().contains("ON UPDATE CASCADE"), e.getMessage());
    }

    @Test
    void aDeclaredNameTheCatalogDoesNotHaveIsRefusedByName() {
        CatalogFacts v1 = V1Catalog.facts();
        List<ForeignKey> withoutOwner = v1.foreignKeys().stream().filter(k -> !k.column().equals("owner_id")).toList();
        var e = assertThrows(RelationalModel.UnservableSchema.class,
                () -> RelationalModel.build(ApiNames.API, new CatalogFacts(v1.tables(), withoutOwner)));
        assertTrue(e.getMessage().contains("no foreign key from post.owner_id"), e.getMessage());
    }
}

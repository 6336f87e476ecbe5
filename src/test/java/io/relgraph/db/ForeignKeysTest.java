package io.relgraph.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.db.ForeignKeys.Action;
import io.relgraph.db.ForeignKeys.ForeignKey;
import io.relgraph.model.ModelReader;
import io.relgraph.model.RelationalModel;

/**
 * What was read from the real catalog (into the relational model, at start) is what the migration
 * (V1__schema.sql) declares: the key change and the read compiler decide by these facts, so they must
 * be the schema's, not a copy of them.
 */
@QuarkusTest
class ForeignKeysTest {

    @Inject
    ModelReader reader;

    private RelationalModel foreignKeys;

    @org.junit.jupiter.api.BeforeEach
    void model() {
        foreignKeys = reader.model();
    }

    private ForeignKey fk(String table, String column) {
        return foreignKeys.foreignKey(table, column).orElseThrow(() -> new AssertionError("no foreign key on " + table + "." + column
                + " in " + foreignKeys.foreignKeys()));
    }

    @Test
    void everyForeignKeyOfTheMigrationIsReadWithItsTarget() {
        assertEquals(Set.of("department.head_id -> employee.id", "department_employee_link.department_id -> department.id",
                "department_employee_link.employee_id -> employee.id", "post.owner_id -> users.id", "address.user_id -> users.id"),
                foreignKeys.foreignKeys().stream().map(k -> k.relation() + " -> " + k.referencedTable() + "." + k.referencedColumn())
                        .collect(Collectors.toSet()));
        assertEquals(5, foreignKeys.foreignKeys().size());
        assertTrue(foreignKeys.foreignKeys().stream().allMatch(ForeignKey::toPrimaryKey), "each references its table's primary key");
        assertTrue(foreignKeys.foreignKey("post", "title").isEmpty());
        assertTrue(foreignKeys.foreignKey("department_employee_link", "extra_data").isEmpty());
    }

    @Test
    void linkEndsCascadeAndAreNotNull() {
        ForeignKey department = fk("department_employee_link", "department_id");
        assertTrue(department.cascadesOnUpdate());
        assertEquals(Action.CASCADE, department.onDelete());
        assertTrue(department.notNull());
        assertFalse(department.deferrable());
        ForeignKey employee = fk("department_employee_link", "employee_id");
        assertTrue(employee.cascadesOnUpdate());
        assertTrue(employee.notNull());
    }

    @Test
    void aDepartmentsHeadCascadesOnUpdateAndIsSetNullOnDelete() {
        ForeignKey head = fk("department", "head_id");
        assertTrue(head.cascadesOnUpdate());
        assertEquals(Action.SET_NULL, head.onDelete());
        assertFalse(head.notNull());
    }

    @Test
    void postsCascadeAndMayHaveNoOwner() {
        ForeignKey owner = fk("post", "owner_id");
        assertTrue(owner.cascadesOnUpdate());
        assertFalse(owner.notNull());
    }

    @Test
    void addressesDoNotCascadeOnUpdateAndAreCheckedAtCommit() {
        ForeignKey user = fk("address", "user_id");
        assertFalse(user.cascadesOnUpdate(), "moved by the key change service instead");
        assertEquals(Action.NO_ACTION, user.onUpdate());
        assertTrue(user.deferrable());
        assertFalse(user.notNull());
    }

    @Test
    void aTablesReferencesAreTheForeignKeysToItsPrimaryKey() {
        // in the order the migration declares them: a key change reports its relations in that order (examples/13)
        assertEquals(List.of("post.owner_id", "address.user_id"), foreignKeys.referencing("users").stream().map(ForeignKey::relation).toList());
        assertEquals(Set.of("department.head_id", "department_employee_link.employee_id"),
                foreignKeys.referencing("employee").stream().map(ForeignKey::relation).collect(Collectors.toSet()));
        assertEquals(List.of("department_employee_link.department_id"),
                foreignKeys.referencing("department").stream().map(ForeignKey::relation).toList());
        assertTrue(foreignKeys.referencing("post").isEmpty());
    }
}

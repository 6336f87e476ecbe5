package io.relgraph.keychange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.relgraph.events.KeyedEntity;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.V1Catalog;

/**
 * The key change's GraphQL enum is only a surface over the relational model: each constant names a keyed
 * type of the model (checked at start, {@link KeyChangeService#checkKeyedEntities}), and the table, the row it
 * reads back and who moves each referencing relation are the model's. Plain JUnit over the migration's
 * catalog facts ({@link V1Catalog}).
 */
class KeyedEntitiesTest {

    private final RelationalModel model = V1Catalog.model();

    /** A surface with a constant the model does not key, as a renamed or added enum value would be. */
    enum WithProject {
        DEPARTMENT, PROJECT, USER
    }

    @Test
    void everyConstantOfKeyedEntityNamesAKeyedTypeOfTheModel() {
        model.requireKeyed(KeyedEntity.class);
        Map<String, String> tables = new TreeMap<>();
        for (KeyedEntity e : KeyedEntity.values()) {
            tables.put(e.name(), model.keyed(e.name()).table());
        }
        assertEquals(Map.of("DEPARTMENT", "department", "EMPLOYEE", "employee", "USER", "users"), tables);
    }

    @Test
    void aConstantThatNamesNoKeyedTypeStopsTheStartByName() {
        var refused = assertThrows(RelationalModel.UnservableSchema.class, () -> model.requireKeyed(WithProject.class));
        assertTrue(refused.getMessage().contains("WithProject names [PROJECT]"), refused.getMessage());
        assertTrue(refused.getMessage().contains("[DEPARTMENT, EMPLOYEE, USER]"), refused.getMessage());
        // a type of the model that is not keyed is no keyed type either
        assertEquals(null, model.keyed("POST"));
    }

    @Test
    void theRowReadBackAfterAChangeIsTheModelsRowByItsKey() {
        // the statements KeyChangeGraphQL used to spell out
        assertEquals("select id, name, head_id from department where id = $1", model.keyed("DEPARTMENT").rowByKey());
        assertEquals("select id, name, hired_on from employee where id = $1", model.keyed("EMPLOYEE").rowByKey());
        assertEquals("select id, name from users where id = $1", model.keyed("USER").rowByKey());
    }

    @Test
    void whoMovesAReferencingRelationIsItsForeignKeysOnUpdateAction() {
        Map<String, CascadeStrategy> users = new TreeMap<>();
        model.referencing("users").forEach(fk -> users.put(fk.relation(), CascadeStrategy.of(fk)));
        // post.owner_id: ON UPDATE CASCADE; address.user_id: DEFERRABLE INITIALLY DEFERRED, moved by the service
        assertEquals(Map.of("post.owner_id", CascadeStrategy.DATABASE, "address.user_id", CascadeStrategy.APPLICATION), users);
    }
}

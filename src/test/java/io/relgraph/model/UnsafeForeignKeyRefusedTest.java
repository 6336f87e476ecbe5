package io.relgraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Start-up refuses a schema whose foreign key a key change would break (neither ON UPDATE CASCADE nor
 * DEFERRABLE INITIALLY DEFERRED), naming the constraint: a migration with such a key
 * ({@code src/test/resources/db/unsafe-foreign-key}) is run by Flyway into a schema of its own, and the
 * model is built from that schema's real catalog exactly as {@link ModelReader} builds it at start.
 */
@QuarkusTest
class UnsafeForeignKeyRefusedTest {

    @Inject
    Pool pool;

    @Test
    void aMigrationWithAForeignKeyAKeyChangeWouldBreakIsRefusedWithTheConstraintsName() {
        String schema = "unsafe_fk_" + Long.toHexString(System.nanoTime());
        var config = ConfigProvider.getConfig();
        Flyway.configure()
                .dataSource(config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))
                .schemas(schema).createSchemas(true).locations("classpath:db/unsafe-foreign-key").load().migrate();
        try {
            assertEquals(1L, Database.count("select count(*) from pg_constraint c join pg_namespace n on n.oid = c.connamespace"
                    + " where n.nspname = ? and c.conname = 'address_user_must_follow'", schema), "the migration ran");
            CatalogFacts facts = CatalogFacts.read(pool, schema, Duration.ofSeconds(30));
            assertEquals(5, facts.foreignKeys().size(), "the schema's own foreign keys only: " + facts.foreignKeys());
            var refused = assertThrows(RelationalModel.UnservableSchema.class, () -> RelationalModel.build(ApiNames.API, facts));
            assertTrue(refused.getMessage().contains("foreign key address_user_must_follow (address.user_id -> users.id) neither cascades"
                    + " on update nor is deferred to commit"), refused.getMessage());

            // the same schema with that key made deferred to commit is served
            Database.update("alter table " + schema + ".address alter constraint address_user_must_follow deferrable initially deferred");
            RelationalModel served = RelationalModel.build(ApiNames.API, CatalogFacts.read(pool, schema, Duration.ofSeconds(30)));
            assertEquals(new RelationalModel.Referencing("Address", "user_id", "id"), served.entity("User").toMany().get("addresses"));
        } finally {
            Database.update("drop schema " + schema + " cascade");
        }
    }
}

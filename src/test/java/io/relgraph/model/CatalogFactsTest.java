package io.relgraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * What the application reads from PostgreSQL's catalog after the migration is what {@link V1Catalog}
 * says (the fixture the compiler's golden tests build their model from), and the model the running
 * application serves is the one built from it.
 */
@QuarkusTest
class CatalogFactsTest {

    @Inject
    Pool pool;

    @Inject
    ModelReader reader;

    @Test
    void theMigratedCatalogIsTheFixtureAndTheServedModelIsBuiltFromIt() {
        CatalogFacts read = CatalogFacts.read(pool, null, Duration.ofSeconds(30));
        CatalogFacts fixture = V1Catalog.facts();
        Map<String, CatalogFacts.Table> tables = new LinkedHashMap<>();
        fixture.tables().keySet().forEach(t -> tables.put(t, read.tables().get(t)));
        assertEquals(fixture.tables(), tables);
        assertEquals(fixture.foreignKeys(), read.foreignKeys());
        assertEquals(V1Catalog.model().entities(), reader.model().entities());
    }
}

package io.relgraph.estimate;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.relgraph.db.EmbeddedPostgres;

/**
 * The application on a database of its own holding the article's data, as dev mode seeds it: the
 * row estimate counts the longest list of each relation in the whole database, so these tests
 * cannot share the one the other tests fill. The sizes are measured every second by the
 * application's own refresh (the other tests measure once, at start, so that no refresh runs inside
 * a statement count), and the tests wait for a measure through its gauges ({@link MeasuredSizes}).
 */
public class ArticleData implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("relgraph.demo-data", "true", "relgraph.estimate.refresh-interval", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnDatabase.class));
    }

    /** A throw-away embedded PostgreSQL for this profile only (Flyway migrates it, the demo data seeds it). */
    public static class OwnDatabase implements QuarkusTestResourceLifecycleManager {

        private EmbeddedPostgres pg;

        @Override
        public Map<String, String> start() {
            pg = EmbeddedPostgres.start(EmbeddedPostgres.Mode.EPHEMERAL, null, null);
            return Map.of("quarkus.datasource.reactive.url", pg.reactiveUrl(), "quarkus.datasource.jdbc.url", pg.jdbcUrl(),
                    "quarkus.datasource.username", "postgres");
        }

        @Override
        public void stop() {
            if (pg != null) {
                pg.stop();
            }
        }
    }
}

package io.relgraph.model;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Builds the {@link RelationalModel} once at start, after Flyway has migrated (Quarkus migrates
 * before it fires {@link StartupEvent}), from the current schema's catalog and {@link ApiNames#API}.
 * A schema the model cannot serve stops the start ({@link RelationalModel.UnservableSchema}).
 */
@Singleton
public class ModelReader {

    private static final Logger LOG = Logger.getLogger(ModelReader.class);
    /** Long enough for a cold embedded server, short enough that a hung database stops the start instead of hanging it. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private volatile RelationalModel model;

    public ModelReader(Pool pool) {
        this.pool = pool;
    }

    void read(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION) StartupEvent event) {
        CatalogFacts facts;
        try {
            facts = CatalogFacts.read(pool, null, READ_TIMEOUT);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not read the current schema from pg_catalog: " + e.getMessage(), e);
        }
        String folding;
        try {
            // pg_c_utf8 is PostgreSQL 17's; an older server built with ICU has und-x-icu (e.g. Debian's 15)
            folding = pool.query("select collname from pg_catalog.pg_collation where collname in ('pg_c_utf8', 'und-x-icu')"
                    + " order by collname = 'pg_c_utf8' desc limit 1").execute().await().atMost(READ_TIMEOUT).stream()
                    .map(r -> r.getString(0)).findFirst().orElse(null);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not read the server's collations from pg_catalog: " + e.getMessage(), e);
        }
        if (folding == null) {
            LOG.warn("This PostgreSQL has neither the pg_c_utf8 nor an ICU collation: containsInsensitive folds case by the"
                    + " database's own locale (ASCII only under the C locale)");
        }
        model = RelationalModel.build(ApiNames.API, facts).withFoldingCollation(folding);
        LOG.debugf("Relational model: %s (case folding: %s)", model.entities(), folding);
    }

    /** The model read at start. */
    public RelationalModel model() {
        RelationalModel m = model;
        if (m == null) {
            throw new IllegalStateException("The relational model is read from pg_catalog at start and was asked for before");
        }
        return m;
    }
}

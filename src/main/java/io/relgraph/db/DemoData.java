package io.relgraph.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.relgraph.RelgraphConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Seeds the article's data ({@code db/demo-data.sql}) into an empty database when
 * {@code relgraph.demo-data=true} (the dev profile's default), so GraphiQL has something to show.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    private final Pool pool;
    private final boolean enabled;

    public DemoData(Pool pool, RelgraphConfig config) {
        this.pool = pool;
        this.enabled = config.demoData();
    }

    void seed(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        String script;
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream("db/demo-data.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long departments = pool.query("select count(*) from department").execute().await().indefinitely()
                .iterator().next().getLong(0);
        if (departments > 0) {
            LOG.info("Demo data skipped: the database already has departments");
            return;
        }
        pool.withTransaction(conn -> conn.query(script).execute()).await().indefinitely();
        LOG.info("Demo data seeded: departments IT and HR, John part-time in IT, Bill, Mary heads HR, user john with posts and addresses");
    }
}

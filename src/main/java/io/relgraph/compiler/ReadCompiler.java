package io.relgraph.compiler;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.language.Document;
import io.relgraph.RelgraphConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.relgraph.model.ModelReader;
import io.relgraph.model.RelationalModel;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Compiles query operations into {@link CompiledRead}s: one SQL statement per request that builds
 * the JSON of {@code data} in PostgreSQL. Plans are cached per (document text, operation name) in
 * a bounded Caffeine cache ({@code relgraph.graphql.compiler.cache-size} plans of documents up to
 * 4,096 characters; a longer document counts as several), what the compiler does not cover included
 * (as "not covered"), so a repeated document is never planned twice. Plans and statements are
 * written from the {@link RelationalModel} read at start (tables, keys, relations, all from the
 * catalog's foreign and primary keys).
 *
 * <p>Metrics: {@code relgraph.compiler.plans.size} (gauge: cached plans) and
 * {@code relgraph.compiler.plans.lookups} (counter, tag {@code result} = {@code hit} or {@code miss}).
 */
@ApplicationScoped
public class ReadCompiler {

    private static final Logger LOG = Logger.getLogger(ReadCompiler.class);

    private record Key(String query, String operationName) {
    }

    private final boolean enabled;
    private final int maxPageSize;
    private final Pool pool;
    private final ModelReader model;
    private final Cache<Key, Optional<CompiledRead>> plans;

    public ReadCompiler(RelgraphConfig config, Pool pool, ModelReader model, MeterRegistry registry) {
        boolean enabled = config.graphql().compiler().enabled();
        int cacheSize = config.graphql().compiler().cacheSize();
        int maxPageSize = config.maxPageSize();
        this.enabled = enabled;
        this.maxPageSize = maxPageSize;
        this.pool = pool;
        this.model = model;
        // weighed by the document's length, so that a client sending large distinct documents cannot fill the heap
        this.plans = Caffeine.newBuilder().maximumWeight(cacheSize).weigher((Key k, Optional<CompiledRead> v) -> weight(k))
                .recordStats().build();
        Gauge.builder("relgraph.compiler.plans.size", plans, Cache::estimatedSize)
                .description("Compiled plans in the read compiler's cache").register(registry);
        FunctionCounter.builder("relgraph.compiler.plans.lookups", plans, c -> c.stats().hitCount()).tag("result", "hit")
                .description("Plan cache lookups of the read compiler").register(registry);
        FunctionCounter.builder("relgraph.compiler.plans.lookups", plans, c -> c.stats().missCount()).tag("result", "miss")
                .description("Plan cache lookups of the read compiler").register(registry);
    }

    /** A plan counts once per started 4,096 characters of its document (a typical document counts 1). */
    private static int weight(Key key) {
        return 1 + key.query().length() / 4096;
    }

    /**
     * @param query the document's text (the cache key, with the operation name)
     * @param document the parsed document, already validated against the schema
     * @param operationName the operation to run (null when the document has exactly one)
     * @return the compiled operation, or null when the compiler does not cover it
     */
    public CompiledRead compile(String query, Document document, String operationName) {
        if (!enabled) {
            return null;
        }
        return plans.get(new Key(query, operationName), k -> plan(document, operationName)).orElse(null);
    }

    private Optional<CompiledRead> plan(Document document, String operationName) {
        try {
            RelationalModel m = model.model();
            var plan = Planner.plan(document, operationName, m);
            return Optional.of(new CompiledStatement(plan, pool.getDelegate(), maxPageSize, m));
        } catch (Planner.NotCovered e) {
            LOG.debugf("Not compiled: %s", e.getMessage());
            return Optional.empty();
        }
    }
}

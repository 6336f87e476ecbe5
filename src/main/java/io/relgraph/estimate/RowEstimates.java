package io.relgraph.estimate;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.relgraph.RelgraphConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Keeps the {@link ListSizes} current: measures every {@link SizedList} in one statement at start
 * (after the migration and the demo data, before the first request is served) and then every
 * {@code relgraph.estimate.refresh-interval} (0: only at start). A refresh that fails keeps the last
 * sizes; until one succeeds, every list counts the page limit. The sizes are exported as the gauge
 * {@code relgraph_estimate_rows{list="Department.employees"}}, and each refresh counts in
 * {@code relgraph_estimate_refreshes_total}, so an operator sees what the estimates are built on.
 *
 * <p>Measuring is a group-by per foreign key (an index-only scan where the key has an index): the
 * cost of one refresh grows with the tables, not with the traffic, and is paid once an interval.
 */
@ApplicationScoped
public class RowEstimates {

    private static final Logger LOG = Logger.getLogger(RowEstimates.class);
    /** The first measure holds up the start at most this long; the periodic refresh retries later. */
    private static final Duration START_WAIT = Duration.ofSeconds(30);

    private final Pool pool;
    private final Vertx vertx;
    private final Duration interval;
    private final long pageLimit;
    private final String sql;
    /** For each list, the column of the statement that measures it (lists measured alike share one). */
    private final Map<SizedList, Integer> columns = new EnumMap<>(SizedList.class);
    private final Counter refreshes;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile ListSizes current;
    private long timer = -1;

    public RowEstimates(Pool pool, Vertx vertx, MeterRegistry metrics,
            RelgraphConfig config) {
        Duration interval = config.estimate().refreshInterval();
        int pageLimit = config.maxPageSize();
        this.pool = pool;
        this.vertx = vertx;
        this.interval = interval;
        this.pageLimit = pageLimit;
        this.current = ListSizes.unknown(pageLimit);
        Map<String, Integer> measures = SizedList.measures(pageLimit);
        for (SizedList list : SizedList.values()) {
            columns.put(list, measures.get(list.measure(pageLimit + 1L)));
        }
        this.sql = SizedList.statement(pageLimit);
        this.refreshes = Counter.builder("relgraph.estimate.refreshes")
                .description("Completed measures of the lists' lengths the row estimate counts").register(metrics);
        for (SizedList list : SizedList.values()) {
            Gauge.builder("relgraph.estimate.rows", this, e -> {
                Long n = e.current.measured(list);
                return n == null ? Double.NaN : n;
            }).tag("list", list.coordinate())
                    .description("The longest such list the database held at the last measure (a list without first counts it)")
                    .register(metrics);
        }
    }

    /** The sizes as last measured (the page limit everywhere before the first measure). */
    public ListSizes current() {
        return current;
    }

    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event) {
        try {
            refresh().await().atMost(START_WAIT);
        } catch (RuntimeException e) {
            LOG.warnf("The lists' lengths could not be measured at start (%s): lists without first count the page limit (%d) until a refresh succeeds",
                    e.getMessage(), pageLimit);
        }
        if (!interval.isZero() && !interval.isNegative()) {
            timer = vertx.setPeriodic(interval.toMillis(), id -> refreshInBackground());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void refreshInBackground() {
        if (!running.compareAndSet(false, true)) {
            return; // the last one is still measuring
        }
        refresh().subscribe().with(sizes -> running.set(false), failure -> {
            running.set(false);
            LOG.warnf("Measuring the lists' lengths failed (%s); the row estimate keeps the last measure", failure.getMessage());
        });
    }

    private Uni<ListSizes> refresh() {
        return pool.query(sql).execute().map(rows -> {
            Row row = rows.iterator().next();
            Map<SizedList, Long> measured = new EnumMap<>(SizedList.class);
            columns.forEach((list, column) -> measured.put(list, row.getLong(column)));
            return ListSizes.of(measured, pageLimit);
        }).invoke(sizes -> {
            if (!sizes.equals(current)) {
                LOG.debugf("Lists' lengths measured: %s", sizes);
                current = sizes; // a new object only when something changed: costs cached with the old one stay valid otherwise
            }
            refreshes.increment();
        });
    }
}

package io.relgraph.estimate;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import io.relgraph.model.ModelReader;
import io.relgraph.model.RelationalModel;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

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

    /** Every statement of the refresh begins with this comment, so that pg_stat_statements (and a test counting statements) tells them apart. */
    public static final String MARK = "/* relgraph.estimate */ ";

    /**
     * PostgreSQL's statistics of the model's tables ({@link Statistics}): rows (null for a table
     * neither ANALYZE nor VACUUM has seen yet: {@link #statistics()} counts those), per column pg_stats' nulls, distinct values, most
     * common values and histogram (a date-time's as epoch seconds), and whether a btree index leads
     * with it and serves a LIKE prefix (a pattern operator class, or the C collation).
     */
    static final String STATISTICS = MARK + """
            with t as (
              select c.oid, c.relname, n.nspname, case when c.reltuples >= 0 then c.reltuples::float8 end as rows
              from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
              where n.nspname = current_schema() and c.relname = any($1) and c.relkind in ('r', 'p'))
            select t.relname, t.rows, a.attname, s.null_frac::float8 as null_frac, s.n_distinct::float8 as n_distinct,
                   case when a.atttypid in ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype) then null
                        else s.most_common_vals::text::text[] end as common_values,
                   s.most_common_freqs::float8[] as common_frequencies,
                   case when a.atttypid in ('timestamptz'::regtype, 'timestamp'::regtype, 'date'::regtype)
                        then (select array_agg(extract(epoch from b::timestamptz)::text order by o)
                              from unnest(s.histogram_bounds::text::text[]) with ordinality h(b, o))
                        else s.histogram_bounds::text::text[] end as histogram,
                   a.atttypid in ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype, 'timestamptz'::regtype,
                                  'timestamp'::regtype, 'date'::regtype) as numeric,
                   exists (select 1 from pg_catalog.pg_index i join pg_catalog.pg_class ic on ic.oid = i.indexrelid
                           join pg_catalog.pg_am am on am.oid = ic.relam
                           where i.indrelid = t.oid and i.indkey[0] = a.attnum and am.amname = 'btree') as indexed,
                   exists (select 1 from pg_catalog.pg_index i join pg_catalog.pg_class ic on ic.oid = i.indexrelid
                           join pg_catalog.pg_am am on am.oid = ic.relam
                           join pg_catalog.pg_opclass oc on oc.oid = i.indclass[0]
                           left join pg_catalog.pg_collation co on co.oid = coalesce(nullif(i.indcollation[0], 0::oid), a.attcollation)
                           where i.indrelid = t.oid and i.indkey[0] = a.attnum and am.amname = 'btree'
                             and (oc.opcname like '%pattern_ops' or co.collname in ('C', 'POSIX')
                                  or (co.collname = 'default' and (select datcollate from pg_catalog.pg_database
                                                                   where datname = current_database()) in ('C', 'POSIX')))) as prefix
            from t join pg_catalog.pg_attribute a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
            left join pg_catalog.pg_stats s on s.schemaname = t.nspname and s.tablename = t.relname and s.attname = a.attname
                                               and not s.inherited""";

    private final Pool pool;
    private final ModelReader model;
    private final Vertx vertx;
    private final Duration interval;
    private final long pageLimit;
    /** The statement that measures every list, written at start from the model ({@link SizedList#of}). */
    private volatile String sql;
    /** For each list, the column of the statement that measures it (lists measured alike share one). */
    private volatile Map<SizedList, Integer> columns = Map.of();
    private final Counter refreshes;
    private final MeterRegistry metrics;
    private final Set<String> tableGauges = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile ListSizes current;
    private long timer = -1;

    public RowEstimates(Pool pool, ModelReader model, Vertx vertx, MeterRegistry metrics, RelgraphConfig config) {
        Duration interval = config.estimate().refreshInterval();
        int pageLimit = config.maxPageSize();
        this.pool = pool;
        this.model = model;
        this.metrics = metrics;
        this.vertx = vertx;
        this.interval = interval;
        this.pageLimit = pageLimit;
        this.current = ListSizes.unknown(pageLimit);
        this.refreshes = Counter.builder("relgraph.estimate.refreshes")
                .description("Completed measures of the lists' lengths the row estimate counts").register(metrics);
    }

    /** The lists of the model, their statement and gauges; the model is read at start before this ({@code ModelReader}). */
    private void measureListsOf(RelationalModel model) {
        List<SizedList> lists = SizedList.of(model);
        Map<String, Integer> measures = SizedList.measures(lists, (int) pageLimit);
        Map<SizedList, Integer> columns = new LinkedHashMap<>();
        for (SizedList list : lists) {
            columns.put(list, measures.get(list.measure(pageLimit + 1L)));
            Gauge.builder("relgraph.estimate.rows", this, e -> {
                Long n = e.current.measured(list);
                return n == null ? Double.NaN : n;
            }).tag("list", list.coordinate())
                    .description("The longest such list the database held at the last measure (a list without first counts it)")
                    .register(metrics);
        }
        this.columns = java.util.Collections.unmodifiableMap(columns);
        this.sql = MARK + SizedList.statement(lists, (int) pageLimit);
        LOG.debugf("The row estimate measures %d lists with: %s", lists.size(), sql);
    }

    /** The sizes as last measured (the page limit everywhere before the first measure). */
    public ListSizes current() {
        return current;
    }

    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event) {
        measureListsOf(model.model());
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
            Map<SizedList, Long> measured = new LinkedHashMap<>();
            columns.forEach((list, column) -> measured.put(list, row.getLong(column)));
            return measured;
        }).chain(measured -> statistics().map(visits -> ListSizes.of(measured, pageLimit, visits))).invoke(sizes -> {
            if (!sizes.equals(current)) {
                LOG.debugf("Lists' lengths measured: %s", sizes);
                current = sizes; // a new object only when something changed: costs cached with the old one stay valid otherwise
            }
            refreshes.increment();
        });
    }

    /**
     * The estimate of the rows a where visits, on PostgreSQL's statistics as they are now; when they
     * cannot be read, the last one (and a warning).
     */
    private Uni<RowVisits> statistics() {
        RelationalModel m;
        try {
            m = model.model();
        } catch (IllegalStateException notYet) {
            return Uni.createFrom().item(current.visits());
        }
        String[] tables = m.entities().values().stream().map(RelationalModel.Entity::table).distinct().toArray(String[]::new);
        return pool.preparedQuery(STATISTICS).execute(Tuple.of(tables)).map(rows -> {
            Map<String, Double> tableRows = new LinkedHashMap<>();
            Map<String, Statistics.Column> columnStats = new LinkedHashMap<>();
            for (Row r : rows) {
                String table = r.getString("relname");
                tableRows.put(table, r.getDouble("rows")); // null: not analyzed yet
                Double nullFraction = r.getDouble("null_frac");
                Double distinct = r.getDouble("n_distinct");
                columnStats.put(table + "." + r.getString("attname"), new Statistics.Column(nullFraction == null ? 0 : nullFraction,
                        distinct == null ? Double.NaN : distinct, strings(r.getArrayOfStrings("common_values")),
                        doubles(r.getArrayOfDoubles("common_frequencies")), strings(r.getArrayOfStrings("histogram")),
                        Boolean.TRUE.equals(r.getBoolean("numeric")), Boolean.TRUE.equals(r.getBoolean("indexed")),
                        Boolean.TRUE.equals(r.getBoolean("prefix"))));
            }
            for (String table : tableRows.keySet()) {
                if (tableGauges.add(table)) {
                    Gauge.builder("relgraph.estimate.table.rows", this, e -> {
                        RowVisits v = e.current.visits();
                        return v == null ? Double.NaN : v.statistics().rows(table);
                    }).tag("table", table).description("The table's rows in PostgreSQL's statistics, as the where's estimate of rows visited reads them")
                            .register(metrics);
                }
            }
            return Statistics.of(tableRows, columnStats);
        }).chain(this::counted).map(stats -> new RowVisits(m, stats)).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Reading PostgreSQL's statistics failed (%s); the estimate of the rows a where visits keeps the last", failure.getMessage());
            return current.visits();
        });
    }

    /**
     * The statistics with the rows of every table PostgreSQL has not counted yet (never analyzed or
     * vacuumed: autovacuum analyzes a table only after enough changes) counted, up to ten million,
     * in one statement; none when every table is known.
     */
    private Uni<Statistics> counted(Statistics stats) {
        List<String> unknown = stats.tables().entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
        if (unknown.isEmpty()) {
            return Uni.createFrom().item(stats);
        }
        StringBuilder sql = new StringBuilder(MARK + "select ");
        for (int i = 0; i < unknown.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(select count(*) from (select 1 from \"").append(unknown.get(i).replace("\"", "\"\""))
                    .append("\" limit 10000000) x)");
        }
        return pool.query(sql.toString()).execute().map(rows -> {
            Row row = rows.iterator().next();
            Map<String, Double> counted = new LinkedHashMap<>(stats.tables());
            for (int i = 0; i < unknown.size(); i++) {
                counted.put(unknown.get(i), row.getLong(i).doubleValue());
            }
            return stats.withRows(counted);
        });
    }

    private static List<String> strings(String[] values) {
        return values == null ? null : Arrays.asList(values);
    }

    private static List<Double> doubles(Double[] values) {
        return values == null ? null : Arrays.asList(values);
    }
}

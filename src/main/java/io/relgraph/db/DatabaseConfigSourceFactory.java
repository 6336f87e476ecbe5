package io.relgraph.db;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceContext;
import io.relgraph.RelgraphConfig;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Decides which PostgreSQL the application talks to, and tells Quarkus (Flyway over JDBC, the
 * reactive client) in one place:
 * <ol>
 * <li>Quarkus' own {@code quarkus.datasource.reactive.url} / {@code quarkus.datasource.jdbc.url}, when
 * set: used as they are (the missing one is derived from the other);</li>
 * <li>else {@code DB_URL} ({@code postgresql://host:port/db}, {@code jdbc:} prefix optional) with
 * {@code DB_USER} / {@code DB_PASSWORD};</li>
 * <li>else an {@link EmbeddedPostgres} started by this JVM.</li>
 * </ol>
 * It acts only at runtime init: at build time a started server's URL would be recorded with a port
 * that is dead by the time the application runs.
 */
public class DatabaseConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(DatabaseConfigSourceFactory.class);
    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    static final int ORDINAL = 275;
    private static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final String USERNAME = "quarkus.datasource.username";
    private static final String PASSWORD = "quarkus.datasource.password";
    /**
     * A startup parameter of every connection of the reactive pool (the application's reads and writes),
     * not of Flyway's JDBC connection: migrations may take as long as they need.
     */
    private static final String STATEMENT_TIMEOUT = "quarkus.datasource.reactive.additional-properties.statement_timeout";
    private static final String TIMEOUT = "relgraph.graphql.timeout";
    private static final String FLYWAY_ACTIVE = "quarkus.flyway.active";
    /**
     * Flyway's settings with the values under which the plain check of {@link MigrationCheck} is what
     * Flyway would do (null: not set); any other value, and Flyway runs. Quarkus' runtime configuration
     * holds its defaults, so a default is not a customization.
     */
    private static final Map<String, List<String>> FLYWAY_AS_CHECKED = Map.ofEntries(
            Map.entry(FLYWAY_ACTIVE, List.of("true")), Map.entry("quarkus.flyway.jdbc-url", List.of()),
            Map.entry("quarkus.flyway.username", List.of()), Map.entry("quarkus.flyway.password", List.of()),
            Map.entry("quarkus.flyway.schemas", List.of()), Map.entry("quarkus.flyway.default-schema", List.of()),
            Map.entry("quarkus.flyway.table", List.of("flyway_schema_history")),
            Map.entry("quarkus.flyway.locations", List.of(MigrationCheck.LOCATION, "classpath:" + MigrationCheck.LOCATION)),
            Map.entry("quarkus.flyway.clean-at-start", List.of("false")),
            Map.entry("quarkus.flyway.baseline-at-start", List.of("false")),
            Map.entry("quarkus.flyway.repair-at-start", List.of("false")),
            Map.entry("quarkus.flyway.validate-at-start", List.of("false")),
            Map.entry("quarkus.flyway.baseline-on-migrate", List.of("false")),
            Map.entry("quarkus.flyway.out-of-order", List.of("false")));
    private static final String SKIP_APPLIED_MIGRATIONS = "relgraph.db.skip-applied-migrations";
    /** JVM-wide, so that dev-mode reloads (a new class loader each time) reuse the running server. */
    private static final String RUNNING_PORT = "relgraph.embedded.internal.port";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!isRuntime(context)) {
            return List.of();
        }
        Map<String, String> props = new HashMap<>();
        String reactive = value(context, REACTIVE_URL);
        String jdbc = value(context, JDBC_URL);
        String dbUrl = value(context, "DB_URL");
        if (reactive != null || jdbc != null) {
            if (reactive == null) {
                props.put(REACTIVE_URL, jdbc.replaceFirst("^jdbc:", ""));
            }
            if (jdbc == null) {
                props.put(JDBC_URL, "jdbc:" + reactive.replaceFirst("^vertx-reactive:", ""));
            }
        } else if (dbUrl != null) {
            String plain = dbUrl.replaceFirst("^jdbc:", "");
            props.put(REACTIVE_URL, plain);
            props.put(JDBC_URL, "jdbc:" + plain);
            putIfSet(props, USERNAME, value(context, "DB_USER"));
            putIfSet(props, PASSWORD, value(context, "DB_PASSWORD"));
        } else if (!"false".equalsIgnoreCase(value(context, "relgraph.embedded.enabled"))) {
            int port = embeddedPort(context);
            props.put(REACTIVE_URL, "postgresql://127.0.0.1:" + port + "/" + EmbeddedPostgres.DATABASE);
            props.put(JDBC_URL, "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedPostgres.DATABASE);
            props.put(USERNAME, EmbeddedPostgres.SUPERUSER);
            props.put(PASSWORD, "");
        }
        props.put(STATEMENT_TIMEOUT, Long.toString(statementTimeoutMillis(context)));
        if (flywayHasNothingToDo(context, props)) {
            props.put(FLYWAY_ACTIVE, "false");
        }
        return List.of(new MapBackedConfigSource("relgraph-database", props, ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /**
     * PostgreSQL cancels a statement that runs longer than {@code relgraph.graphql.timeout} (a Quarkus
     * duration such as {@code 10s}, {@code 500ms}, {@code PT1M}); 0 disables it. Given in milliseconds,
     * since PostgreSQL reads a bare number as milliseconds and Quarkus as seconds.
     */
    static long statementTimeoutMillis(ConfigSourceContext context) {
        String configured = value(context, TIMEOUT);
        if (configured == null) {
            return DurationConverter.parseDuration(RelgraphConfig.DEFAULT_TIMEOUT).toMillis();
        }
        try {
            return DurationConverter.parseDuration(configured.trim()).toMillis();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(TIMEOUT + " is not a duration (e.g. 10s, 500ms): " + configured, e);
        }
    }

    /**
     * True when Flyway is to migrate at start and would find the database already migrated
     * ({@link MigrationCheck}): then it is not started at all. Costs one JDBC connection and two
     * small queries; a fresh database (no history) answers at the first.
     */
    private static boolean flywayHasNothingToDo(ConfigSourceContext context, Map<String, String> props) {
        if (!"true".equalsIgnoreCase(value(context, "quarkus.flyway.migrate-at-start"))
                || "false".equalsIgnoreCase(value(context, SKIP_APPLIED_MIGRATIONS))
                || FLYWAY_AS_CHECKED.entrySet().stream().anyMatch(setting -> {
                    String v = value(context, setting.getKey());
                    return v != null && !setting.getValue().contains(v.trim());
                })) {
            return false;
        }
        String jdbc = props.getOrDefault(JDBC_URL, value(context, JDBC_URL));
        if (jdbc == null) {
            return false;
        }
        long started = System.nanoTime();
        boolean current = MigrationCheck.upToDate(jdbc, props.getOrDefault(USERNAME, value(context, USERNAME)),
                props.getOrDefault(PASSWORD, value(context, PASSWORD)));
        if (current) {
            LOG.infof("Schema up to date (every migration in %s applied, checksums equal): Flyway not started (%d ms)",
                    MigrationCheck.LOCATION, (System.nanoTime() - started) / 1_000_000);
        }
        return current;
    }

    private static synchronized int embeddedPort(ConfigSourceContext context) {
        String running = System.getProperty(RUNNING_PORT);
        if (running != null && answers(Integer.parseInt(running))) {
            return Integer.parseInt(running);
        }
        EmbeddedPostgres.Mode mode = mode(context);
        String dataDir = value(context, "relgraph.embedded.data-dir");
        String cacheDir = value(context, "relgraph.embedded.binaries-dir");
        long started = System.nanoTime();
        EmbeddedPostgres pg = EmbeddedPostgres.start(mode, Path.of(dataDir != null ? dataDir : RelgraphConfig.DEFAULT_EMBEDDED_DATA_DIR),
                cacheDir != null ? Path.of(cacheDir) : null);
        EmbeddedDatabase.set(pg);
        System.setProperty(RUNNING_PORT, Integer.toString(pg.port()));
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (mode == EmbeddedPostgres.Mode.PERSISTENT) {
            LOG.infof("Embedded PostgreSQL on 127.0.0.1:%d (%d ms), data kept in %s. "
                    + "To use your own server instead, set DB_URL=postgresql://host:port/db, DB_USER and DB_PASSWORD.",
                    pg.port(), ms, pg.dataDir());
        } else {
            LOG.infof("Embedded PostgreSQL on 127.0.0.1:%d (%d ms), throw-away data in %s, removed on exit. "
                    + "To use your own server instead, set DB_URL=postgresql://host:port/db, DB_USER and DB_PASSWORD.",
                    pg.port(), ms, pg.dataDir());
        }
        return pg.port();
    }

    private static EmbeddedPostgres.Mode mode(ConfigSourceContext context) {
        String configured = value(context, "relgraph.embedded.mode");
        if (configured != null && !"auto".equalsIgnoreCase(configured)) {
            return EmbeddedPostgres.Mode.valueOf(configured.trim().toUpperCase());
        }
        List<String> profiles = context.getProfiles();
        return profiles.contains("dev") || profiles.contains("test") ? EmbeddedPostgres.Mode.EPHEMERAL
                : EmbeddedPostgres.Mode.PERSISTENT;
    }

    /**
     * Quarkus' runtime configuration, unlike the build-time one, always has {@code quarkus.uuid}
     * (a per-start default set by its runtime config builder).
     */
    private static boolean isRuntime(ConfigSourceContext context) {
        return value(context, "quarkus.uuid") != null;
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue();
    }

    private static void putIfSet(Map<String, String> props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }
}

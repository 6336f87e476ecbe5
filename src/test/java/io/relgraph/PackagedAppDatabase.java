package io.relgraph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.relgraph.auth.TestTokens;
import io.relgraph.db.EmbeddedPostgres;

/**
 * The database of the packaged-application tests ({@code *IT}): the server named by {@code DB_URL}
 * when set (the launched jar inherits the environment), else a throw-away embedded PostgreSQL started
 * here and handed to the jar as Quarkus' own datasource properties. Either way the test JVM learns
 * the URL too, so {@link Database} checks what the jar stored. The jar also gets a key directory of
 * its own ({@code relgraph.auth.dir}, throw-away), whose admin token the test JVM sends (see
 * {@link io.relgraph.auth.TestTokens}).
 */
public class PackagedAppDatabase implements QuarkusTestResourceLifecycleManager {

    static final String JDBC_URL = "relgraph.test.jdbc-url";
    static final String USER = "relgraph.test.user";
    static final String PASSWORD = "relgraph.test.password";

    private EmbeddedPostgres pg;

    private Path authDir;

    @Override
    public Map<String, String> start() {
        try {
            authDir = Files.createTempDirectory("relgraph-it-auth");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(TestTokens.AUTH_DIR, authDir.toString());
        Map<String, String> props = new HashMap<>();
        props.put("relgraph.auth.dir", authDir.toString());
        props.putAll(database());
        return props;
    }

    private Map<String, String> database() {
        String dbUrl = System.getenv("DB_URL");
        if (dbUrl != null && !dbUrl.isBlank()) {
            System.setProperty(JDBC_URL, "jdbc:" + dbUrl.replaceFirst("^jdbc:", ""));
            System.setProperty(USER, System.getenv().getOrDefault("DB_USER", ""));
            System.setProperty(PASSWORD, System.getenv().getOrDefault("DB_PASSWORD", ""));
            return Map.of();
        }
        pg = EmbeddedPostgres.start(EmbeddedPostgres.Mode.EPHEMERAL, null, null);
        System.setProperty(JDBC_URL, pg.jdbcUrl());
        System.setProperty(USER, "postgres");
        System.setProperty(PASSWORD, "");
        return Map.of(
                "quarkus.datasource.reactive.url", pg.reactiveUrl(),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(),
                "quarkus.datasource.username", "postgres");
    }

    @Override
    public void stop() {
        if (pg != null) {
            pg.stop();
        }
        if (authDir != null) {
            try (var files = Files.walk(authDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory: left for the OS
            }
        }
    }
}

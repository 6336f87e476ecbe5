package io.relgraph;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import io.relgraph.replica.CommitPosition;

/**
 * Reads the database directly, beside the API, so tests assert what was really stored. Uses the
 * same JDBC URL the application's Flyway used (embedded or external).
 */
public final class Database {

    private Database() {
    }

    private static Connection connect() throws SQLException {
        String itUrl = System.getProperty(PackagedAppDatabase.JDBC_URL);
        if (itUrl != null) {
            // a packaged-app test: the application runs in another process
            return DriverManager.getConnection(itUrl, System.getProperty(PackagedAppDatabase.USER),
                    System.getProperty(PackagedAppDatabase.PASSWORD, ""));
        }
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null);
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        return DriverManager.getConnection(url, user, password);
    }

    public static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement beside the API (e.g. a row written behind its back). */
    public static void update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... params) {
        return ((Number) rows(sql, params).get(0).values().iterator().next()).longValue();
    }

    /** A single value (first column of the first row), or null when there is no row. */
    public static Object value(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    /**
     * Skips the calling test unless the server loads pg_stat_statements (the embedded one does; an
     * external server may not), then makes sure the extension exists.
     */
    public static void requirePgStatStatements() {
        org.junit.jupiter.api.Assumptions.assumeTrue(count("select count(*) from pg_settings where name = 'shared_preload_libraries'"
                + " and setting like '%pg_stat_statements%'") == 1, "the server does not load pg_stat_statements");
        update("create extension if not exists pg_stat_statements");
    }

    /** Forgets what pg_stat_statements has counted so far. */
    public static void resetStatementCounts() {
        update("select pg_stat_statements_reset()");
    }

    /** Statements the application ran in this database since the last reset (the counting ones excluded). */
    public static long applicationStatements() {
        return count("select coalesce(sum(calls), 0) from pg_stat_statements where dbid = "
                + "(select oid from pg_database where datname = current_database())"
                + " and query not like '%pg_stat_statements%' and query not like 'SET application_name%'");
    }

    /**
     * How many times the application read a mutation's commit position since the last reset
     * ({@code replica.CommitPosition.STATEMENT}, once per mutation after its commit, for its
     * {@code X-Relgraph-Lsn}); counted in {@link #applicationStatements()} like any statement, so a test of
     * a write's own statements names it and takes it out.
     */
    public static long commitPositionReads() {
        return count("select coalesce(sum(calls), 0) from pg_stat_statements where dbid = "
                + "(select oid from pg_database where datname = current_database()) and query = ?", CommitPosition.STATEMENT);
    }

    /** As {@link #applicationStatements()}, without {@code BEGIN}, {@code COMMIT} and {@code ROLLBACK}. */
    public static long applicationStatementsBesidesTransactionControl() {
        return count("select coalesce(sum(calls), 0) from pg_stat_statements where dbid = "
                + "(select oid from pg_database where datname = current_database())"
                + " and query not like '%pg_stat_statements%' and query not like 'SET application_name%'"
                + " and query !~* '^\\s*(begin|commit|rollback)'");
    }
}

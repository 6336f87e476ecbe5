package io.relgraph.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Whether Flyway would find nothing to do: every versioned migration the application ships
 * ({@code db/migration/V*.sql}) is in the database's {@code flyway_schema_history}, applied
 * successfully and with the same checksum, and the history holds nothing else. Then the start skips
 * Flyway altogether (loading and running it was the largest part of a restart's CPU), which is safe
 * because Flyway itself would only have read the history and validated those same checksums.
 * <p>
 * Anything unusual answers {@code false}, and Flyway runs as it always did: no history table, a
 * failed or an unknown (newer) migration, a repeatable one, migrations that cannot be listed, a
 * database that cannot be reached (Flyway then reports it in its own words).
 */
final class MigrationCheck {

    static final String LOCATION = "db/migration";
    /** Flyway's versioned SQL migration: {@code V<version>__<description>.sql}, version parts split by . or _. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.*\\.sql");

    private MigrationCheck() {
    }

    /** True when the database behind {@code jdbcUrl} already has exactly the shipped migrations. */
    static boolean upToDate(String jdbcUrl, String user, String password) {
        Map<String, Integer> shipped = shippedMigrations(Thread.currentThread().getContextClassLoader());
        if (shipped == null || shipped.isEmpty()) {
            return false;
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        // the driver itself, not DriverManager, whose first use looks for java.sql.Driver services in every jar
        try (Connection c = new org.postgresql.Driver().connect(jdbcUrl, props); Statement s = statement(c)) {
            try (ResultSet exists = s.executeQuery("select to_regclass('flyway_schema_history') is not null")) {
                if (!exists.next() || !exists.getBoolean(1)) {
                    return false;
                }
            }
            Map<String, Integer> applied = new HashMap<>();
            // type SQL only: a baseline or schema-creation row (no checksum) means a history not made by these files alone
            try (ResultSet r = s.executeQuery("select version, checksum, success, type from flyway_schema_history")) {
                while (r.next()) {
                    int checksum = r.getInt(2);
                    if (r.wasNull() || !r.getBoolean(3) || !"SQL".equals(r.getString(4)) || r.getString(1) == null) {
                        return false;
                    }
                    applied.put(r.getString(1), checksum);
                }
            }
            return applied.equals(shipped);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** A statement on {@code c}; a URL that is not PostgreSQL's gave no connection. */
    private static Statement statement(Connection c) throws SQLException {
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL");
        }
        return c.createStatement();
    }

    /**
     * Version (as Flyway writes it: parts joined by dots) to Flyway's checksum of each versioned SQL
     * migration on the class path, from the application's jar or classes directory; null when they
     * cannot be listed or a file is not a plain versioned migration.
     */
    static Map<String, Integer> shippedMigrations(ClassLoader loader) {
        URL dir = loader.getResource(LOCATION);
        if (dir == null) {
            dir = besideThisClass();
        }
        if (dir == null) {
            return null;
        }
        Map<String, Integer> migrations = new HashMap<>();
        try {
            if ("file".equals(dir.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        try (InputStream in = Files.newInputStream(file)) {
                            if (!add(migrations, file.getFileName().toString(), in)) {
                                return null;
                            }
                        }
                    }
                }
            } else if ("jar".equals(dir.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) dir.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        String name = entry.getName();
                        if (entry.isDirectory() || !name.startsWith(LOCATION + "/")) {
                            continue;
                        }
                        try (InputStream in = jar.getInputStream(entry)) {
                            if (!add(migrations, name.substring(LOCATION.length() + 1), in)) {
                                return null;
                            }
                        }
                    }
                }
            } else {
                return null;
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
        return migrations;
    }

    /**
     * The migrations' folder in the jar or classes directory this class came from (they are packaged
     * together), for a class loader that does not answer for a folder; null when there is none.
     */
    private static URL besideThisClass() {
        try {
            URL origin = MigrationCheck.class.getProtectionDomain().getCodeSource().getLocation();
            Path path = Path.of(origin.toURI());
            if (Files.isDirectory(path)) {
                Path folder = path.resolve(LOCATION);
                return Files.isDirectory(folder) ? folder.toUri().toURL() : null;
            }
            return new URL("jar:" + path.toUri() + "!/" + LOCATION);
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean add(Map<String, Integer> migrations, String fileName, InputStream in) throws IOException {
        Matcher m = VERSIONED.matcher(fileName);
        if (fileName.contains("/") || !m.matches()) {
            return false;
        }
        migrations.put(m.group(1).replace('_', '.'), checksum(in));
        return true;
    }

    /**
     * Flyway's checksum of a migration (its ChecksumCalculator): a CRC32 over the UTF-8 bytes of every
     * line without its line break, a byte-order mark at the start left out.
     */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096)) {
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = reader.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }
}

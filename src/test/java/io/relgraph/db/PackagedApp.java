package io.relgraph.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged application as a user runs it ({@code target/quarkus-app/relgraph}, the launcher the
 * build puts next to the jar, or {@code java -jar}), in its own process with a persistent embedded
 * database, so tests can stop it with SIGTERM or kill -9 and start it again on the same data.
 */
public final class PackagedApp {

    static final Path APP_DIR = Path.of("target/quarkus-app");
    private static final Pattern EMBEDDED_PORT = Pattern.compile("Embedded PostgreSQL on 127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public final Process process;
    public final int port;
    public final Path log;
    private final Path authDir;

    private PackagedApp(Process process, int port, Path log, Path authDir) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.authDir = authDir;
    }

    /** Starts the launcher with the data kept in {@code dataDir}, and waits until it is ready. */
    static PackagedApp launch(Path dataDir, String logName) throws Exception {
        int port = freePort();
        Path log = Path.of("target", logName + ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(APP_DIR.resolve("relgraph").toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        // no external server: these tests are about the embedded default
        pb.environment().keySet().removeIf(k -> k.startsWith("DB_") || k.startsWith("QUARKUS_DATASOURCE") || k.equals("JAVA_OPTS"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("RELGRAPH_EMBEDDED_DATA_DIR", dataDir.toString());
        // the keys and the admin token the application makes at its first start, beside its data
        Path authDir = dataDir.resolveSibling("auth");
        pb.environment().put("RELGRAPH_AUTH_DIR", authDir.toString());
        return start(pb, port, log, authDir);
    }

    /**
     * Starts an application process as {@code pb} says (which must make it listen on {@code port} and
     * write to {@code log}) and waits until it is ready.
     *
     * @param authDir the key directory it uses, where its admin token is
     */
    public static PackagedApp start(ProcessBuilder pb, int port, Path log, Path authDir) throws Exception {
        PackagedApp app = new PackagedApp(pb.start(), port, log, authDir);
        app.awaitReady();
        return app;
    }

    public void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("relgraph exited: see " + log);
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("relgraph did not become ready within 90 s: see " + log);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Sends an operation with the application's admin token. */
    public HttpResponse<String> post(String json) throws IOException, InterruptedException {
        String token = Files.readString(authDir.resolve("admin.token")).trim();
        return HTTP.send(HttpRequest.newBuilder(uri("/graphql")).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json").header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A JDBC connection to the embedded server this run started (its port is in the log). */
    Connection sql() throws IOException, SQLException {
        Matcher m = EMBEDDED_PORT.matcher(Files.readString(log));
        if (!m.find()) {
            throw new AssertionError("no embedded PostgreSQL port in " + log);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + m.group(1) + "/postgres", "postgres", "");
    }

    static String createDepartment(String name) {
        return "{\"query\":\"mutation($n: String!) { createDepartment(name: $n) { id name } }\",\"variables\":{\"n\":\"" + name + "\"}}";
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package io.relgraph.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.relgraph.PackagedAppDatabase;

/**
 * Zero setup, as a user of the jar meets it: the running jar made its key and an owner-only admin
 * token in its key directory, and {@code java -jar quarkus-run.jar token --role ...} mints tokens
 * with that key that the running server accepts, each for what its role allows.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class TokenCommandIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void theJarMadeItsKeyAndAnOwnerOnlyAdminToken() throws Exception {
        KeyDirectory keys = TestTokens.keys();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.adminToken())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privateKey())));
        String token = TestTokens.admin();
        Path log = Path.of("target/quarkus.log");
        String text = Files.readString(log, StandardCharsets.UTF_8); // the started jar's log
        assertTrue(text.contains(keys.adminToken().toString()), "the log names the admin token's file");
        assertFalse(text.contains(token.substring(token.lastIndexOf('.') + 1)), "the log shows the token");
        String name = GraphQL.unique("ByAdminToken");
        GraphQL.ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name);
        assertEquals(1L, Database.count("select count(*) from department where name = ?", name));
    }

    @Test
    void aWriterTokenFromTheJarMayCreateButNotDelete() throws Exception {
        String writer = token("--role", "writer", "--days", "1", "--subject", "ci-bot");
        String name = GraphQL.unique("ByWriter");
        String id = GraphQL.bearer(writer).ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name)
                .getString("data.createDepartment.id");
        String message = GraphQL.bearer(writer).error("FORBIDDEN", "mutation($id: ID!) { deleteDepartment(id: $id) }", "id", id);
        assertTrue(message.contains("admin") && message.contains("ci-bot"), message);
        assertEquals(1L, Database.count("select count(*) from department where name = ?", name));

        String admin = token("--role", "admin");
        GraphQL.bearer(admin).ok("mutation($id: ID!) { deleteDepartment(id: $id) }", "id", id);
        assertEquals(0L, Database.count("select count(*) from department where name = ?", name));
    }

    @Test
    void aReaderTokenMayNotWrite() throws Exception {
        String reader = token("--role", "reader");
        GraphQL.bearer(reader).error("FORBIDDEN", "mutation { createEmployee(name: \"Nobody\") { id } }");
    }

    @Test
    void aWrongRoleIsAUsageError() throws Exception {
        Process p = start("--role", "boss");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(err.contains("usage: token"), err);
    }

    private static String token(String... args) throws Exception {
        Process p = start(args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertEquals(3, out.split("\\.").length, "not a signed JWT: " + out);
        return out;
    }

    /** The jar's token command on the key directory of the server under test (a machine with only Java and the jar). */
    private static Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "token", "--dir", TestTokens.authDir().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }
}

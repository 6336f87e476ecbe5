package io.relgraph.persisted;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.relgraph.auth.TestTokens;
import io.vertx.core.json.JsonObject;

/**
 * Production lockdown: with {@code relgraph.graphql.persisted-only} the server runs the operations of its
 * directory (a {@code .graphql} file and an Apollo manifest here), by hash or in full, and refuses every
 * other document with OPERATION_NOT_ALLOWED, writing nothing; clients cannot register new ones.
 */
@QuarkusTest
@TestProfile(PersistedOnlyTest.Lockdown.class)
class PersistedOnlyTest {

    static final Path DIR = Path.of("src/test/resources/persisted-operations");

    public static class Lockdown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relgraph.graphql.persisted-only", "true", "relgraph.graphql.persisted-dir", DIR.toAbsolutePath().toString());
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TestHTTPResource("/graphql")
    URL url;

    @Test
    void listedOperationsRunByHashOrInFull() throws Exception {
        String names = Files.readString(DIR.resolve("department-names.graphql"));
        HttpResponse<String> full = post(new JsonObject().put("query", names), null);
        assertEquals(200, full.statusCode(), full.body());
        assertEquals(null, new JsonObject(full.body()).getValue("errors"), full.body());
        HttpResponse<String> byHash = post(new JsonObject().put("extensions", extensions(PersistedQueries.sha256(names))), null);
        assertEquals(full.body(), byHash.body());

        JsonObject manifest = new JsonObject(Files.readString(DIR.resolve("apollo-manifest.json")));
        String id = manifest.getJsonArray("operations").getJsonObject(0).getString("id");
        String name = GraphQL.unique("Listed");
        HttpResponse<String> created = post(new JsonObject().put("variables", new JsonObject().put("n", name))
                .put("extensions", extensions(id)), TestTokens.bearer(TestTokens.admin()));
        assertEquals(name, new JsonObject(created.body()).getJsonObject("data").getJsonObject("createDepartment").getString("name"), created.body());
        assertEquals(1L, Database.count("select count(*) from department where name = ?", name));
    }

    @Test
    void anyOtherDocumentIsRefusedAndWritesNothing() throws Exception {
        String name = GraphQL.unique("Unlisted");
        String mutation = "mutation { createDepartment(name: \"" + name + "\") { id } }";
        HttpResponse<String> full = post(new JsonObject().put("query", mutation), TestTokens.bearer(TestTokens.admin()));
        assertEquals("OPERATION_NOT_ALLOWED", PersistedQueriesTest.code(full), full.body());
        // registering it the APQ way is refused too, and so is its hash afterwards
        HttpResponse<String> register = post(new JsonObject().put("query", mutation).put("extensions", extensions(PersistedQueries.sha256(mutation))),
                TestTokens.bearer(TestTokens.admin()));
        assertEquals("OPERATION_NOT_ALLOWED", PersistedQueriesTest.code(register), register.body());
        HttpResponse<String> byHash = post(new JsonObject().put("extensions", extensions(PersistedQueries.sha256(mutation))),
                TestTokens.bearer(TestTokens.admin()));
        assertEquals("OPERATION_NOT_ALLOWED", PersistedQueriesTest.code(byHash), byHash.body());
        assertEquals(0L, Database.count("select count(*) from department where name = ?", name));
        HttpResponse<String> read = post(new JsonObject().put("query", "{ departments(first: 10) { name } }"), null);
        assertEquals("OPERATION_NOT_ALLOWED", PersistedQueriesTest.code(read), read.body());
    }

    private static JsonObject extensions(String hash) {
        return new JsonObject().put("persistedQuery", new JsonObject().put("version", 1).put("sha256Hash", hash));
    }

    private HttpResponse<String> post(JsonObject body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.toURI()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}

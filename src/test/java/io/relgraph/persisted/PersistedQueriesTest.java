package io.relgraph.persisted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.relgraph.auth.TestTokens;
import io.vertx.core.json.JsonObject;

/**
 * Apollo's automatic persisted queries, step by step as Apollo Client, urql and Relay take them: the hash
 * alone, PERSISTED_QUERY_NOT_FOUND, the document with its hash, then the hash alone again, over POST and
 * GET, for a compiled read and for a mutation (run by mutation.MutationRunner). A client cannot
 * register a document under another document's hash.
 */
@QuarkusTest
public class PersistedQueriesTest {

    private static final String RESPONSE_TYPE = "application/graphql-response+json";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TestHTTPResource("/graphql")
    URL url;

    @Test
    void aReadByHashOverPostAndGet() throws Exception {
        String name = GraphQL.unique("Persisted");
        long id = GraphQL.as(TestTokens.bearer(TestTokens.admin())).ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name)
                .getLong("data.createDepartment.id");
        // unique text, so no other test registered it
        String query = "query Persisted($id: ID!) { department(id: $id) { id name } } # " + name;
        String hash = PersistedQueries.sha256(query);
        JsonObject variables = new JsonObject().put("id", Long.toString(id));

        for (String accept : new String[] { "application/json", RESPONSE_TYPE }) {
            HttpResponse<String> unknown = post(new JsonObject().put("variables", variables).put("extensions", extensions(hash)), accept, null);
            assertEquals(200, unknown.statusCode(), accept + ": " + unknown.body());
            JsonObject error = new JsonObject(unknown.body()).getJsonArray("errors").getJsonObject(0);
            assertEquals("PERSISTED_QUERY_NOT_FOUND", error.getJsonObject("extensions").getString("code"), unknown.body());
            assertEquals("PersistedQueryNotFound", error.getString("message"));
        }

        HttpResponse<String> registered = post(new JsonObject().put("query", query).put("variables", variables).put("extensions", extensions(hash)), null, null);
        assertEquals(name, department(registered).getString("name"), registered.body());

        HttpResponse<String> byHash = post(new JsonObject().put("variables", variables).put("extensions", extensions(hash)), null, null);
        assertEquals(registered.body(), byHash.body());
        assertEquals("compiled", byHash.headers().firstValue("X-Relgraph-Engine").orElse(null));

        // Apollo's useGETForHashedQueries: the hash alone in the query string
        HttpResponse<String> overGet = http.send(HttpRequest.newBuilder(URI.create(url + "?variables=" + encode(variables.encode())
                + "&extensions=" + encode(extensions(hash).encode()))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, overGet.statusCode(), overGet.body());
        assertEquals(registered.body(), overGet.body());
    }

    @Test
    void aMutationByHashRunsTheDocumentTheHashStandsFor() throws Exception {
        String name = GraphQL.unique("PersistedWrite");
        String mutation = "mutation Create($n: String!) { createDepartment(name: $n) { name } }";
        String hash = PersistedQueries.sha256(mutation);
        String admin = TestTokens.bearer(TestTokens.admin());
        post(new JsonObject().put("query", mutation).put("variables", new JsonObject().put("n", name + "-1")).put("extensions", extensions(hash)), null, admin);
        HttpResponse<String> byHash = post(new JsonObject().put("variables", new JsonObject().put("n", name + "-2"))
                .put("extensions", extensions(hash)), null, admin);
        assertEquals(200, byHash.statusCode(), byHash.body());
        assertEquals(name + "-2", new JsonObject(byHash.body()).getJsonObject("data").getJsonObject("createDepartment").getString("name"), byHash.body());
        // a one-field mutation: its method and a payload from the row, not the per-field engine
        assertEquals("compiled", byHash.headers().firstValue("X-Relgraph-Engine").orElse(null));
        assertEquals(2L, Database.count("select count(*) from department where name like ?", name + "-%"));
        // and over GET it is still a mutation: refused, nothing written
        HttpResponse<String> overGet = http.send(HttpRequest.newBuilder(URI.create(url + "?variables="
                + encode(new JsonObject().put("n", name + "-3").encode()) + "&extensions=" + encode(extensions(hash).encode())))
                .header("Authorization", admin).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, overGet.statusCode(), overGet.body());
        assertEquals(2L, Database.count("select count(*) from department where name like ?", name + "-%"));
    }

    @Test
    void aHashThatIsNotTheDocumentsIsRefusedAndRegistersNothing() throws Exception {
        String read = "{ __typename } # " + GraphQL.unique("honest");
        String other = "{ departments(first: 1) { name } } # " + GraphQL.unique("other");
        String hashOfRead = PersistedQueries.sha256(read);
        HttpResponse<String> lie = post(new JsonObject().put("query", other).put("extensions", extensions(hashOfRead)), null, null);
        assertEquals(200, lie.statusCode());
        assertEquals("VALIDATION", code(lie), lie.body());
        assertTrue(lie.body().contains("sha256Hash"), lie.body());
        HttpResponse<String> after = post(new JsonObject().put("extensions", extensions(hashOfRead)), null, null);
        assertEquals("PERSISTED_QUERY_NOT_FOUND", code(after), after.body());
        HttpResponse<String> badShape = post(new JsonObject().put("extensions", new JsonObject().put("persistedQuery",
                new JsonObject().put("version", 1).put("sha256Hash", "nothex"))), null, null);
        assertEquals(400, badShape.statusCode(), badShape.body());
    }

    private static JsonObject extensions(String hash) {
        return new JsonObject().put("persistedQuery", new JsonObject().put("version", 1).put("sha256Hash", hash));
    }

    private static JsonObject department(HttpResponse<String> r) {
        return new JsonObject(r.body()).getJsonObject("data").getJsonObject("department");
    }

    static String code(HttpResponse<String> r) {
        return new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    HttpResponse<String> post(JsonObject body, String accept, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.toURI()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}

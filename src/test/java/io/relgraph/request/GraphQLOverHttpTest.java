package io.relgraph.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.relgraph.auth.Role;
import io.relgraph.auth.TestTokens;
import io.vertx.core.json.JsonObject;

/**
 * GraphQL over HTTP as its spec and the clients in use send it: the header values browsers and client
 * libraries really send, both response media types with their status codes, and queries over GET.
 * (The spec's own audit suite runs against the packaged app in GraphQLOverHttpAuditIT.)
 */
@QuarkusTest
public class GraphQLOverHttpTest extends RawHttpTest {

    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** GraphiQL's fetcher sends its Content-Type twice; browsers join the copies with a comma. */
    @Test
    void aRepeatedOrParameterizedContentTypeIsReadAsMeant() {
        for (String type : new String[] { "application/json, application/json", "application/json; charset=utf-8",
                "Application/JSON;charset=\"UTF-8\"", "application/json,application/json; charset=utf-8" }) {
            RawRequests.Answer a = requests.post(type, "{\"query\":\"{ __typename }\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(200, a.status(), type + ": " + a.body());
            assertEquals("Query", a.json().getJsonObject("data").getString("__typename"), type);
        }
        RawRequests.Answer two = requests.post("application/json, text/plain", "{\"query\":\"{ __typename }\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, two.status(), two.body());
        assertTrue(two.firstMessage().contains("several"), two.body());
    }

    @Test
    void aPostWithoutContentTypeIsRefusedWith415() {
        RawRequests.Answer a = requests.post(null, "{\"query\":\"{ __typename }\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, a.status(), a.body());
        assertEquals("VALIDATION", a.firstCode());
        assertTrue(a.firstMessage().contains("Content-Type"), a.body());
    }

    @Test
    void theResponseTypeFollowsAccept() throws Exception {
        assertEquals("application/json", send(post("{ __typename }"), null).headers().firstValue("Content-Type").orElseThrow());
        assertEquals("application/json", send(post("{ __typename }"), "*/*").headers().firstValue("Content-Type").orElseThrow());
        assertEquals(GRAPHQL_RESPONSE, send(post("{ __typename }"), GRAPHQL_RESPONSE).headers().firstValue("Content-Type").orElseThrow());
        // Apollo Client's default
        assertEquals(GRAPHQL_RESPONSE, send(post("{ __typename }"), GRAPHQL_RESPONSE + ",application/json;q=0.9")
                .headers().firstValue("Content-Type").orElseThrow());
        assertEquals("application/json", send(post("{ __typename }"), GRAPHQL_RESPONSE + ";q=0.5, application/json")
                .headers().firstValue("Content-Type").orElseThrow());
        // a read the resolver engine answers (introspection) gets the same type
        HttpResponse<String> resolved = send(post("{ __schema { queryType { name } } }"), GRAPHQL_RESPONSE);
        assertEquals(200, resolved.statusCode(), resolved.body());
        assertTrue(resolved.headers().firstValue("Content-Type").orElseThrow().startsWith(GRAPHQL_RESPONSE), resolved.headers().toString());
        HttpResponse<String> none = send(post("{ __typename }"), "text/html");
        assertEquals(406, none.statusCode(), none.body());
        assertEquals("VALIDATION", new JsonObject(none.body()).getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"));
    }

    /** application/json: a refusal is a 200 (the contract); graphql-response+json: the spec's 4xx, never data. */
    @Test
    void refusalsCarryTheSpecsStatusCodesWithGraphqlResponseJson() throws Exception {
        String[][] cases = {
                { "{ department(id: 1) { name }", "400", "VALIDATION" }, // does not parse
                { "{ nope }", "400", "VALIDATION" }, // does not validate
                { "mutation { createDepartment(name: \"NoToken\") { id } }", "401", "UNAUTHORIZED" },
        };
        for (String[] c : cases) {
            HttpResponse<String> json = send(post(c[0]), "application/json");
            assertEquals(200, json.statusCode(), c[0] + ": " + json.body());
            HttpResponse<String> spec = send(post(c[0]), GRAPHQL_RESPONSE);
            assertEquals(Integer.parseInt(c[1]), spec.statusCode(), c[0] + ": " + spec.body());
            JsonObject body = new JsonObject(spec.body());
            assertEquals(c[2], body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"), spec.body());
            assertTrue(!body.containsKey("data"), spec.body());
        }
        // variables that do not coerce
        HttpResponse<String> variables = send(HttpRequest.newBuilder(url.toURI()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"query($id: ID!) { department(id: $id) { name } }\",\"variables\":{\"id\":{}}}")),
                GRAPHQL_RESPONSE);
        assertEquals(400, variables.statusCode(), variables.body());
        HttpResponse<String> forbidden = send(post("mutation { deleteDepartment(id: 999999) }")
                .header("Authorization", TestTokens.bearer(TestTokens.of(Role.READER))), GRAPHQL_RESPONSE);
        assertEquals(403, forbidden.statusCode(), forbidden.body());
        assertEquals(0L, Database.count("select count(*) from department where name = 'NoToken'"));
    }

    @Test
    void queriesRunOverGetCompiledOrResolved() throws Exception {
        String name = GraphQL.unique("OverGet");
        long id = GraphQL.as(TestTokens.bearer(TestTokens.admin())).ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", name)
                .getLong("data.createDepartment.id");
        HttpResponse<String> compiled = get("query($id: ID!) { department(id: $id) { name } }", "{\"id\":\"" + id + "\"}", null);
        assertEquals(200, compiled.statusCode(), compiled.body());
        assertEquals(name, new JsonObject(compiled.body()).getJsonObject("data").getJsonObject("department").getString("name"));
        assertEquals("compiled", compiled.headers().firstValue("X-Relgraph-Engine").orElse(null));

        HttpResponse<String> resolved = get("query Q($t: String!) { __type(name: $t) { name } }", "{\"t\":\"Department\"}", "Q");
        assertEquals(200, resolved.statusCode(), resolved.body());
        assertEquals("Department", new JsonObject(resolved.body()).getJsonObject("data").getJsonObject("__type").getString("name"), resolved.body());
        assertEquals("resolver", resolved.headers().firstValue("X-Relgraph-Engine").orElse(null));

        // a document with characters URL encoding treats specially reaches the engine unchanged
        HttpResponse<String> odd = get("{ departmentByName(name: \"a+b %41 &c=d\") { id } }", null, null);
        assertEquals(200, odd.statusCode(), odd.body());
        assertTrue(new JsonObject(odd.body()).getJsonObject("data").containsKey("departmentByName"), odd.body());
    }

    /** GET is safe: a link or an image may send it, so it never runs a mutation (the spec's 405). */
    @Test
    void aMutationOverGetIsRefusedAndWritesNothing() throws Exception {
        String name = GraphQL.unique("ViaGet");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "?query="
                + URLEncoder.encode("mutation { createDepartment(name: \"" + name + "\") { id } }", StandardCharsets.UTF_8)))
                .header("Authorization", TestTokens.bearer(TestTokens.admin())).GET();
        for (String accept : new String[] { "application/json", GRAPHQL_RESPONSE }) {
            HttpResponse<String> r = send(b, accept);
            assertEquals(405, r.statusCode(), r.body());
            assertEquals("POST", r.headers().firstValue("Allow").orElse(null));
            assertEquals("VALIDATION", new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"));
        }
        assertEquals(0L, Database.count("select count(*) from department where name = ?", name));
    }

    @Test
    void malformedGetParametersAre400() throws Exception {
        HttpResponse<String> noQuery = send(HttpRequest.newBuilder(url.toURI()).GET(), null);
        assertEquals(400, noQuery.statusCode(), noQuery.body());
        HttpResponse<String> badVariables = send(HttpRequest.newBuilder(URI.create(url + "?query=%7B__typename%7D&variables=%5B1%5D")).GET(), null);
        assertEquals(400, badVariables.statusCode(), badVariables.body());
        assertNull(new JsonObject(badVariables.body()).getValue("data"));
    }

    private HttpRequest.Builder post(String document) throws Exception {
        return HttpRequest.newBuilder(url.toURI()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("query", document).encode()));
    }

    private HttpResponse<String> get(String document, String variables, String operationName) throws Exception {
        StringBuilder q = new StringBuilder("?query=").append(URLEncoder.encode(document, StandardCharsets.UTF_8));
        if (variables != null) {
            q.append("&variables=").append(URLEncoder.encode(variables, StandardCharsets.UTF_8));
        }
        if (operationName != null) {
            q.append("&operationName=").append(operationName);
        }
        return send(HttpRequest.newBuilder(URI.create(url + q.toString())).GET(), null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String accept) throws Exception {
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        RawRequests.answer(r.statusCode(), r.body(), null);
        return r;
    }
}

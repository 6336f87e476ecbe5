package io.relgraph.request;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

import io.relgraph.auth.TestTokens;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Sends arbitrary bytes to /graphql, as a careless or hostile client would, and checks what every
 * answer must be whatever was sent: not a 5xx, JSON, each error with an {@code extensions.code}, no
 * class names or stack traces.
 */
final class RawRequests {

    /**
     * A Java class name or a stack frame, or the engines' words for a value (graphql-java's syntax-tree
     * classes, SmallRye's Java types and message codes): what must never reach a client.
     */
    private static final Pattern LEAK = Pattern.compile(
            "\\tat |Exception\\b|\\b(java|javax|jakarta|io\\.vertx|io\\.quarkus|io\\.smallrye|graphql|com\\.fasterxml|io\\.relgraph)\\.[a-z]+\\.[A-Za-z.]*"
                    + "|\\b[A-Z][a-z]+Value\\{|\\bBigInteger\\b|\\bBigDecimal\\b|\\bSRGQL\\d+");

    /** What one request got back. */
    record Answer(int status, String body, JsonObject json, String engine) {
        JsonArray errors() {
            return json.getJsonArray("errors");
        }

        String firstCode() {
            return errors().getJsonObject(0).getJsonObject("extensions").getString("code");
        }

        String firstMessage() {
            return errors().getJsonObject(0).getString("message");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI uri;

    RawRequests(URI uri) {
        this.uri = uri;
    }

    /** @param headers name, value, name, value, ... */
    Answer post(String contentType, byte[] body, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            if (headers.length > 0) {
                b.headers(headers);
            }
            if (!names(headers).contains("authorization")) {
                // as admin, so that what is sent reaches the engines instead of stopping at authorization
                b.header("Authorization", TestTokens.bearer(TestTokens.admin()));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return answer(r.statusCode(), r.body(), r.headers().firstValue("X-Relgraph-Engine").orElse(null));
        } catch (java.io.IOException e) {
            throw new AssertionError("The server dropped the connection: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static java.util.Set<String> names(String... headers) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < headers.length; i += 2) {
            names.add(headers[i].toLowerCase(java.util.Locale.ROOT));
        }
        return names;
    }

    Answer post(String json) {
        return post("application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The contract for any answer; throws AssertionError naming what broke it. */
    static Answer answer(int status, String body, String engine) {
        if (status >= 500) {
            throw new AssertionError("HTTP " + status + ": " + body);
        }
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new AssertionError("HTTP " + status + " with a body that is not a JSON object: " + body);
        }
        if (LEAK.matcher(body).find()) {
            throw new AssertionError("The answer leaks an implementation detail: " + body);
        }
        JsonArray errors = json.getJsonArray("errors");
        if (errors == null && !json.containsKey("data")) {
            throw new AssertionError("Neither data nor errors: " + body);
        }
        if (errors != null) {
            if (errors.isEmpty()) {
                throw new AssertionError("An empty errors list: " + body);
            }
            for (int i = 0; i < errors.size(); i++) {
                JsonObject e = errors.getJsonObject(i);
                JsonObject ext = e.getJsonObject("extensions");
                if (ext == null || ext.getString("code") == null || e.getString("message") == null || e.getString("message").isBlank()) {
                    throw new AssertionError("An error without a code or message: " + body);
                }
                if (ext.containsKey("classification")) {
                    throw new AssertionError("An error still carries a classification: " + body);
                }
            }
        }
        return new Answer(status, body, json, engine);
    }
}

package io.relgraph;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.relgraph.auth.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Sends a GraphQL document over HTTP, as any client would, and checks the transport-level contract.
 * The static methods send the admin token of the application under test (so every operation is
 * allowed); {@link #as(String)} sends another Authorization header, or none.
 */
public final class GraphQL {

    private static final Caller ADMIN = new Caller(null) {
        @Override
        String authorization() {
            return TestTokens.bearer(TestTokens.admin());
        }
    };

    private GraphQL() {
    }

    /** A caller that sends this Authorization header value ({@code "Bearer ..."}), or none when null. */
    public static Caller as(String authorization) {
        return new Caller(authorization);
    }

    /** A caller that sends this token as {@code Authorization: Bearer <token>}. */
    public static Caller bearer(String token) {
        return new Caller(TestTokens.bearer(token));
    }

    /** A caller that sends no Authorization header. */
    public static Caller anonymous() {
        return new Caller(null);
    }

    /** Runs the operation as admin; the response must be HTTP 200 JSON, with no stack trace anywhere in it. */
    public static JsonPath run(String document, Object... variables) {
        return ADMIN.run(document, variables);
    }

    /** Runs an operation (as admin) that must succeed: no errors. */
    public static JsonPath ok(String document, Object... variables) {
        return ADMIN.ok(document, variables);
    }

    /** Runs an operation (as admin) that must fail with exactly one error of the given code; returns its message. */
    public static String error(String code, String document, Object... variables) {
        return ADMIN.error(code, document, variables);
    }

    /** Sends operations with one Authorization header (or none). */
    public static class Caller {

        private final String authorization;

        Caller(String authorization) {
            this.authorization = authorization;
        }

        String authorization() {
            return authorization;
        }

        /** Runs the operation; the response must be HTTP 200 JSON, with no stack trace anywhere in it. */
        public JsonPath run(String document, Object... variables) {
            Map<String, Object> vars = new java.util.LinkedHashMap<>();
            for (int i = 0; i < variables.length; i += 2) {
                vars.put((String) variables[i], variables[i + 1]);
            }
            var request = given().contentType(ContentType.JSON).accept(ContentType.JSON);
            String header = authorization();
            if (header != null) {
                request = request.header("Authorization", header);
            }
            String body = request.body(Map.of("query", document, "variables", vars))
                    .when().post("/graphql")
                    .then().statusCode(200).contentType(ContentType.JSON)
                    .extract().asString();
            if (body.contains("\tat ") || body.contains("Exception:")) {
                throw new AssertionError("Response leaks an exception: " + body);
            }
            return JsonPath.from(body);
        }

        /** Runs an operation that must succeed: no errors. */
        public JsonPath ok(String document, Object... variables) {
            JsonPath r = run(document, variables);
            Object errors = r.get("errors");
            if (errors != null) {
                throw new AssertionError("Unexpected errors: " + r.prettify());
            }
            return r;
        }

        /** Runs an operation that must fail with exactly one error of the given code; returns its message. */
        public String error(String code, String document, Object... variables) {
            JsonPath r = run(document, variables);
            if (r.getList("errors") == null || r.getList("errors").size() != 1) {
                throw new AssertionError("Expected one error " + code + ", got: " + r.prettify());
            }
            String actual = r.getString("errors[0].extensions.code");
            if (!code.equals(actual)) {
                throw new AssertionError("Expected error code " + code + ", got: " + r.prettify());
            }
            return r.getString("errors[0].message");
        }
    }

    /** A name no other test uses, so tests can share one database. */
    public static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}

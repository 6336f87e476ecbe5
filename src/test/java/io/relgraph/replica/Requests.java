package io.relgraph.replica;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;

import io.relgraph.auth.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** GraphQL over HTTP as a client with a read-your-writes link sends it: with headers of its choosing. */
final class Requests {

    private Requests() {
    }

    /** A POST as admin, with extra headers as name/value pairs; must be HTTP 200 JSON. */
    static Response post(String document, Map<String, Object> variables, String... headers) {
        var request = given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .header("Authorization", TestTokens.bearer(TestTokens.admin()));
        for (int i = 0; i < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        Response response = request.body(Map.of("query", document, "variables", variables)).when().post("/graphql");
        response.then().statusCode(200).contentType(ContentType.JSON);
        if (response.asString().contains("\tat ") || response.asString().contains("Exception:")) {
            throw new AssertionError("Response leaks an exception: " + response.asString());
        }
        return response;
    }

    static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    /** Creates a department (on the primary); returns the response, whose X-Relgraph-Lsn is its commit's position. */
    static Response createDepartment(String name) {
        Response r = post("mutation($n: String!) { createDepartment(name: $n) { id name } }", vars("n", name));
        if (r.jsonPath().get("errors") != null) {
            throw new AssertionError(r.asString());
        }
        return r;
    }

    static final String BY_NAME = "query($n: String!) { departmentByName(name: $n) { id name } }";
}

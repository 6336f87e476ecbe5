package io.relgraph.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.GraphQL;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The resolver engine lists a request's errors in one order, whatever order its batch loaders
 * finished in: by their place in the document, then their path. Sibling relations are loaded by
 * separate statements that complete in any order, so the same request is sent many times and every
 * answer must be the same, errors in document order.
 */
@QuarkusTest
class ErrorOrderTest extends RawHttpTest {

    @Test
    void errorsOfSiblingRelationsComeInDocumentOrderEveryTime() {
        String d = GraphQL.ok("mutation($n: String!) { createDepartment(name: $n) { id } }", "n", GraphQL.unique("Order"))
                .getString("data.createDepartment.id");
        String e = GraphQL.ok("mutation { createEmployee(name: \"Order\") { id } }").getString("data.createEmployee.id");
        GraphQL.ok("mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e) { extraData } }", "d", d, "e", e);
        // four failing relation fields (negative first) on two roots, each its own batch
        String query = "{ z: employee(id: " + e + ") { departments(first: -2) { id } departmentLinks(first: -1) { extraData } }"
                + " a: department(id: " + d + ") { employees(first: -3) { id } employeeLinks(first: -4) { extraData } } }";
        String body = new JsonObject().put("query", query).encode();

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            RawRequests.Answer a = requests.post("application/json", body.getBytes(StandardCharsets.UTF_8), "X-Relgraph-Engine",
                    i % 2 == 0 ? "resolver" : "compiled");
            answers.add(a.json().getJsonArray("errors").encode());
        }
        JsonArray errors = new JsonArray(answers.get(0));
        assertEquals(4, errors.size(), answers.get(0));
        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            firsts.add(errors.getJsonObject(i).getString("message"));
        }
        assertEquals(List.of("first must not be negative, got -2", "first must not be negative, got -1",
                "first must not be negative, got -3", "first must not be negative, got -4"), firsts, "document order");
        for (String a : answers) {
            assertEquals(answers.get(0), a, "the same errors in the same order every time");
        }
    }
}

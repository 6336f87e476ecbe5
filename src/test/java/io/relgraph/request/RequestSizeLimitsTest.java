package io.relgraph.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Size limits answer before any work: a body over relgraph.graphql.max-body-size, a document over
 * relgraph.graphql.max-document-length, a document too deep for the parser, and an alias flood or a
 * fragment bomb, which are small on the wire but large once expanded.
 */
@QuarkusTest
class RequestSizeLimitsTest extends RawHttpTest {

    @Test
    void aBodyOverTheLimitIsLimitExceeded() {
        byte[] body = ("{\"query\": \"{ __typename }\", \"variables\": {\"x\": \"" + "a".repeat(1_100_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        RawRequests.Answer a = requests.post("application/json", body);
        assertEquals("LIMIT_EXCEEDED", a.firstCode(), a.body());
        assertTrue(a.firstMessage().contains("max-body-size"), a.body());
        // and the server goes on serving
        assertEquals("Query", requests.post("{\"query\": \"{ __typename }\"}").json().getJsonObject("data").getString("__typename"));
    }

    @Test
    void aDocumentOverTheLengthLimitIsLimitExceeded() {
        String doc = "{ __typename }" + " ".repeat(100_001);
        RawRequests.Answer a = requests.post("{\"query\": \"" + doc + "\"}");
        assertEquals("LIMIT_EXCEEDED", a.firstCode(), a.body());
        assertTrue(a.firstMessage().contains("max-document-length"), a.body());
    }

    @Test
    void deepNestingIsRefusedByTheParserOrTheDepthLimit() {
        String deep = "{ department(id: 1) " + "{ employees(first: 1) { departments(first: 1) ".repeat(300) + "{ id }" + " } }".repeat(300) + " }";
        RawRequests.Answer a = requests.post(new io.vertx.core.json.JsonObject().put("query", deep).encode());
        assertEquals("LIMIT_EXCEEDED", a.firstCode(), a.body());
        String braces = "{".repeat(5_000) + "}".repeat(5_000);
        RawRequests.Answer b = requests.post(new io.vertx.core.json.JsonObject().put("query", braces).encode());
        assertTrue(b.firstCode().equals("LIMIT_EXCEEDED") || b.firstCode().equals("VALIDATION"), b.body());
    }

    @Test
    void anAliasFloodIsLimitExceeded() {
        StringBuilder doc = new StringBuilder("{");
        for (int i = 0; i < 2_000; i++) {
            doc.append(" a").append(i).append(": __typename");
        }
        RawRequests.Answer a = requests.post(new io.vertx.core.json.JsonObject().put("query", doc.append(" }").toString()).encode());
        assertEquals("LIMIT_EXCEEDED", a.firstCode(), a.body());
    }

    @Test
    void aFragmentBombIsRefusedBeforeItIsExpanded() {
        // each fragment spreads the next twice: 2^40 fields once expanded, a few hundred bytes on the wire
        StringBuilder doc = new StringBuilder("{ ...F0 }");
        for (int i = 0; i < 40; i++) {
            doc.append(" fragment F").append(i).append(" on Query { ...F").append(i + 1).append(" ...F").append(i + 1).append(" }");
        }
        doc.append(" fragment F40 on Query { __typename }");
        RawRequests.Answer a = requests.post(new io.vertx.core.json.JsonObject().put("query", doc.toString()).encode());
        assertEquals("LIMIT_EXCEEDED", a.firstCode(), a.body());
        assertTrue(a.firstMessage().contains("max-complexity"), a.body());
    }
}

package io.relgraph.request;

import static io.relgraph.GraphQL.error;
import static io.relgraph.GraphQL.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * The row limit counts what a query can return, not how many fields it names: each list its first,
 * multiplied down each path, summed over the document with pages and aliases; refused with
 * LIMIT_EXCEEDED, the estimate and the limit, before any SQL and on both paths. (Lists without first
 * count what the data holds: {@code io.relgraph.estimate}'s tests, on a database of their own.)
 */
@QuarkusTest
class RowLimitTest extends RawHttpTest {

    private RawRequests.Answer send(String query, JsonObject variables) {
        return requests.post(new JsonObject().put("query", query).put("variables", variables).encode());
    }

    @Test
    void theQueryThatOnceExhaustedTheHeapIsRefusedWithItsEstimate() {
        RawRequests.Answer a = send("{ departments(first: 1000) { employees(first: 1000) { departments(first: 1000) { name } } } }", null);
        assertEquals("LIMIT_EXCEEDED", a.firstCode(), a.body());
        assertTrue(a.firstMessage().contains("1,001,001,000"), a.firstMessage());
        assertTrue(a.firstMessage().contains("100,000"), a.firstMessage());
        assertEquals("refused", a.engine());
    }

    @Test
    void variablesDecideTheEstimate() {
        String q = "query($n: Int) { departments(first: $n) { employees(first: $n) { departments(first: $n) { name } } } }";
        assertEquals("LIMIT_EXCEEDED", send(q, new JsonObject().put("n", 100)).firstCode());
        assertTrue(send(q, new JsonObject().put("n", 40)).json().containsKey("data"));
    }

    @Test
    void pagesCountTheirItemsAndAliasesAddUp() {
        String m = error("LIMIT_EXCEEDED", "{ departmentPage(first: 1000) { items { employees(first: 100) { id } } } }");
        assertTrue(m.contains("101,001"), m);
        ok("{ departmentPage(first: 10) { items { employees(first: 100) { id } } } }");
        // a page of none holds nothing, whatever is below its items (found by the differential test's generator)
        ok("{ linkPage(first: 0) { items { employee { departments { id } } } } }");
        String half = "departments(first: 300) { employees(first: 200) { id } }";
        ok("{ a: " + half + " }");
        String both = error("LIMIT_EXCEEDED", "{ a: " + half + " b: " + half + " }");
        assertTrue(both.contains("120,600"), both);
    }

    @Test
    void skippedBranchesCostNothing() {
        String q = "query($all: Boolean!) { departments(first: 10) { name } "
                + "more: departments(first: 1000) @include(if: $all) { employees(first: 1000) { id } } }";
        assertEquals("LIMIT_EXCEEDED", send(q, new JsonObject().put("all", true)).firstCode());
        assertTrue(send(q, new JsonObject().put("all", false)).json().containsKey("data"));
    }

    @Test
    void theLimitHoldsOnTheResolverPathToo() {
        // the pipeline decides before it picks an engine: asking for the resolver changes nothing
        RawRequests.Answer a = requests.post("application/json",
                "{\"query\": \"{ departments(first: 1000) { employees(first: 1000) { name } } }\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "X-Relgraph-Engine", "resolver");
        assertEquals("LIMIT_EXCEEDED", a.firstCode());
    }
}

package io.relgraph.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;

/**
 * Every shape of request a client can get wrong has a coded GraphQL answer, never a 5xx: the body,
 * the document, the operation, the variables. The first three cases are the requests that once got
 * HTTP 500 and Quarkus' error page.
 */
@QuarkusTest
class MalformedRequestsTest extends RawHttpTest {

    private RawRequests.Answer refused(String code, String json) {
        return refused(200, code, json);
    }

    /** Not a GraphQL-over-HTTP request at all: the spec's 400 whatever the client accepts, still a coded GraphQL error. */
    private RawRequests.Answer malformed(String json) {
        return refused(400, "VALIDATION", json);
    }

    private RawRequests.Answer refused(int status, String code, String json) {
        RawRequests.Answer a = requests.post(json);
        assertEquals(status, a.status(), a.body());
        assertEquals(code, a.firstCode(), a.body());
        assertNull(a.json().getValue("data"), a.body());
        assertEquals("refused", a.engine());
        return a;
    }

    @Test
    void variablesThatAreNotAnObjectAreValidationErrors() {
        assertTrue(malformed("{\"query\": \"{ __typename }\", \"variables\": \"x\"}").firstMessage().contains("variables"));
        malformed("{\"query\": \"{ __typename }\", \"variables\": [1]}");
        malformed("{\"query\": \"{ __typename }\", \"variables\": 5}");
        // null variables are simply none
        assertEquals("Query", requests.post("{\"query\": \"{ __typename }\", \"variables\": null}").json()
                .getJsonObject("data").getString("__typename"));
    }

    @Test
    void anOperationNameThatIsNotAStringOrNamesNoOperationIsAValidationError() {
        assertTrue(malformed("{\"query\": \"{ __typename }\", \"operationName\": 5}").firstMessage().contains("operationName"));
        assertTrue(refused("VALIDATION", "{\"query\": \"query A { __typename } query B { __typename }\", \"operationName\": \"C\"}")
                .firstMessage().contains("C"));
        refused("VALIDATION", "{\"query\": \"query A { __typename } query B { __typename }\"}");
        assertEquals("Query", requests.post("{\"query\": \"query A { __typename } query B { __typename }\", \"operationName\": \"B\"}")
                .json().getJsonObject("data").getString("__typename"));
    }

    @Test
    void bodiesThatAreNotAGraphQLRequestAreValidationErrors() {
        assertTrue(malformed("not json").firstMessage().contains("not JSON"));
        malformed("{\"query\": ");
        malformed("42");
        malformed("\"{ __typename }\"");
        malformed("{}");
        malformed("{\"query\": 7}");
        malformed("{\"query\": {\"a\": 1}}");
        malformed("{\"query\": \"\"}");
        malformed("{\"query\": \"{ __typename }\", \"extensions\": 1}");
        assertTrue(malformed("[{\"query\": \"{ __typename }\"}]").firstMessage().contains("Batched"));
        RawRequests.Answer empty = requests.post("application/json", new byte[0]);
        assertEquals("VALIDATION", empty.firstCode());
        assertEquals(400, empty.status());
        RawRequests.Answer wrongType = requests.post("text/plain", "{ __typename }".getBytes(StandardCharsets.UTF_8));
        assertEquals("VALIDATION", wrongType.firstCode());
        assertEquals(415, wrongType.status());
        RawRequests.Answer badUtf8 = requests.post("application/json",
                new byte[] { '{', '"', 'q', 'u', 'e', 'r', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' });
        assertEquals(400, badUtf8.status());
        assertTrue(badUtf8.firstMessage().contains("UTF-8"), badUtf8.body());
    }

    /**
     * The pipeline reads every body as UTF-8; a body declared in another charset is refused, never
     * handed on: an engine that honoured the charset would read another document from the same bytes
     * than the one checked here. This body is a public read in UTF-8 and a mutation in Shift_JIS
     * (0x81 swallows the backslash of a JSON escape).
     */
    @Test
    void aBodyInAnotherCharsetIsRefusedBeforeAnyEngineReadsIt() {
        String name = io.relgraph.GraphQL.unique("Charset");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        byte[] swallow = { (byte) 0xC3, (byte) 0x81, 0x5C };
        body.writeBytes("{\"query\":\"#".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(swallow);
        body.writeBytes(("\\nmutation { createDepartment(name: \\\"" + name + "\\\") { id } } #").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(swallow);
        body.writeBytes("n{ __typename } #".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(swallow);
        body.writeBytes("\\n\"}".getBytes(StandardCharsets.US_ASCII));
        String reader = io.relgraph.auth.TestTokens.bearer(io.relgraph.auth.TestTokens.of(io.relgraph.auth.Role.READER));
        // as UTF-8 the document is a read (which a reader may send)
        RawRequests.Answer asUtf8 = requests.post("application/json; charset=utf-8", body.toByteArray(), "Authorization", reader,
                "X-Relgraph-Engine", "resolver");
        assertEquals("Query", asUtf8.json().getJsonObject("data").getString("__typename"), asUtf8.body());
        RawRequests.Answer asShiftJis = requests.post("application/json; charset=Shift_JIS", body.toByteArray(), "Authorization", reader,
                "X-Relgraph-Engine", "resolver");
        assertEquals("VALIDATION", asShiftJis.firstCode(), asShiftJis.body());
        assertEquals(415, asShiftJis.status(), asShiftJis.body());
        assertTrue(asShiftJis.firstMessage().contains("UTF-8"), asShiftJis.body());
        assertEquals("refused", asShiftJis.engine());
        assertEquals(0, io.relgraph.GraphQL.ok("query($n: String!) { departmentPage(name: $n) { totalCount } }", "n", name)
                .getInt("data.departmentPage.totalCount"), "nothing written");
    }

    @Test
    void aBareDocumentAsApplicationGraphqlIsServed() {
        RawRequests.Answer a = requests.post("application/graphql", "{ __typename }".getBytes(StandardCharsets.UTF_8));
        assertEquals("Query", a.json().getJsonObject("data").getString("__typename"), a.body());
    }

    @Test
    void anUnparseableDocumentSaysWhere() {
        RawRequests.Answer a = refused("VALIDATION", "{\"query\": \"{ department(id: 1) { name }\"}");
        assertTrue(a.errors().getJsonObject(0).getJsonArray("locations") != null, a.body());
        assertEquals(1, a.errors().getJsonObject(0).getJsonArray("locations").getJsonObject(0).getInteger("line"));
    }

    @Test
    void invalidDocumentsListEveryProblemWithItsLocation() {
        RawRequests.Answer a = refused("VALIDATION", "{\"query\": \"{ nope department(id: 1) { alsoNope } }\"}");
        assertEquals(2, a.errors().size(), a.body());
        assertTrue(a.firstMessage().contains("nope"), a.body());
    }

    @Test
    void nulCharactersAreValidationErrorsAndReachNoDatabase() {
        long before = Database.count("select count(*) from department");
        assertTrue(refused("VALIDATION", "{\"query\": \"mutation($n: String!) { createDepartment(name: $n) { id } }\", \"variables\": {\"n\": \"a\\u0000b\"}}")
                .firstMessage().contains("NUL"));
        refused("VALIDATION", "{\"query\": \"mutation { createDepartment(name: \\\"a\\\\u0000b\\\") { id } }\"}");
        refused("VALIDATION", "{\"query\": \"{ departmentByName(name: \\\"\\\\u0000\\\") { id } }\"}");
        assertEquals(before, Database.count("select count(*) from department"));
    }

    @Test
    void variablesOfTheWrongTypeAreValidationErrors() {
        refused("VALIDATION", "{\"query\": \"query($id: ID!) { department(id: $id) { name } }\", \"variables\": {\"id\": {\"a\": 1}}}");
        refused("VALIDATION", "{\"query\": \"query($id: ID!) { department(id: $id) { name } }\", \"variables\": {}}");
        refused("VALIDATION", "{\"query\": \"query($f: Int) { departments(first: $f) { name } }\", \"variables\": {\"f\": \"ten\"}}");
        refused("VALIDATION", "{\"query\": \"query($f: Int) { departments(first: $f) { name } }\", \"variables\": {\"f\": 1e20}}");
    }

    /** Found by the fuzz test (seed 20261126): each once reached an engine and came back uncoded or INTERNAL. */
    @Test
    void valuesSmallRyeWouldCoerceLenientlyAreRefusedUpFront() {
        assertTrue(refused("VALIDATION", "{\"query\": \"mutation($id: ID!) { changeUserId(id: $id, newId: 999999, dryRun: true) { cascaded { rows } } }\", "
                + "\"variables\": {\"id\": true}}").firstMessage().contains("positive integer"));
        refused("VALIDATION", "{\"query\": \"{ department(id: \\\"abc\\\") { name } }\"}");
        // found by the differential test (seed 5): SmallRye reads an id with leading zeros as 0
        refused("VALIDATION", "{\"query\": \"{ links(employeeId: \\\"001047\\\") { extraData } }\"}");
        refused("VALIDATION", "{\"query\": \"{ departments(first: \\\"ten\\\") { name } }\"}");
        assertTrue(refused("VALIDATION", "{\"query\": \"query($skip: Boolean = false) { users(first: 2) { posts(first: 2) @skip(if: $skip) { title } } }\", "
                + "\"variables\": {\"skip\": null}}").firstMessage().contains("$skip"));
    }

    @Test
    void aSubscriptionOverPostSaysWhereSubscriptionsAreServed() {
        // refused before any engine runs, whether or not the schema has subscriptions
        RawRequests.Answer a = requests.post("{\"query\": \"subscription { __typename }\"}");
        assertEquals("VALIDATION", a.firstCode(), a.body());
    }

    @Test
    void theAnswerSaysWhichPathServedIt() {
        // a mutation of one field: its method and a payload from the row (mutation.MutationRunner)
        RawRequests.Answer ok = requests.post("{\"query\": \"mutation { createEmployee(name: \\\"Path\\\") { id } }\"}");
        assertEquals("compiled", ok.engine(), ok.body());
        assertFalse(ok.body().contains("errors") && !ok.body().contains("UNAUTHORIZED"), ok.body());
        // two fields: graphql-java runs them one after the other
        RawRequests.Answer two = requests.post("{\"query\": \"mutation { a: createEmployee(name: \\\"Path\\\") { id } b: createEmployee(name: \\\"Path\\\") { id } }\"}");
        assertEquals("resolver", two.engine(), two.body());
    }
}

package io.relgraph.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Thousands of generated bad requests (seeded, reproducible): malformed and mutated documents, wrong
 * variable types, bad body shapes, odd Unicode, NUL, huge strings, deep nesting, alias floods and
 * batches. Whatever is sent: no 5xx, every error coded, no class name or stack trace, and the server
 * healthy afterwards. Seed and count: {@code -Drelgraph.fuzz.seed}, {@code -Drelgraph.fuzz.count}.
 */
@QuarkusTest
class HostileRequestsFuzzTest extends RawHttpTest {

    /** Valid documents the mutations start from (reads and writes, with variables). */
    static final List<String> CORPUS = List.of(
            "{ __typename }",
            "query($id: ID!) { department(id: $id) { id name employeeLinks(first: 5) { extraData employee { id name } } } }",
            "query Q2($id: ID!) { employee(id: $id) { departmentLinks { department { employeeLinks(first: 10) { employee { name } } } } } }",
            "{ departments(first: 5) { id name head { name } employees(first: 3) { name hiredOn } } }",
            "query($n: String) { departmentPage(first: 2, name: $n, orderBy: NAME_DESC) { items { id name } endCursor hasNextPage totalCount } }",
            "{ links(first: 3) { extraData department { name } employee { name } } }",
            "fragment E on Employee { id name } { employees(first: 2) { ...E departments(first: 2) { ... on Department { name } } } }",
            "query($skip: Boolean = false) { users(first: 2) { name posts(first: 2) @skip(if: $skip) { title owner { name } } } }",
            "mutation($n: String!) { createDepartment(name: $n) { id name } }",
            "mutation { createEmployee(name: \"Fuzz\") { id hiredOn } }",
            "mutation($d: ID!, $e: ID!) { linkEmployee(departmentId: $d, employeeId: $e, extraData: \"x\") { extraData } }",
            "mutation($id: ID!) { changeUserId(id: $id, newId: 999999, dryRun: true) { cascaded { relation rows } } }",
            "{ __schema { queryType { name } } }");

    private static final String[] ODD = { "\u0000", "\uFFFF", "\uD83D\uDE00", "\u202E", "\u200B", "\uFEFF", "\\", "\"", "\n", "\t",
            "\u00e9", "\u4e2d", "\r\n", "\\u0000", "\\ud800", "'", "$", "@", "{", "}", "(", ")", "[", "]", ":", "!", "...", "#", "=" };

    @Test
    void noGeneratedBadRequestGetsA5xxAnUncodedErrorOrALeak() {
        long seed = Long.getLong("relgraph.fuzz.seed", 20261126L);
        int count = Integer.getInteger("relgraph.fuzz.count", 2_400);
        Random random = new Random(seed);
        List<Function<Random, byte[]>> kinds = List.of(this::mutatedDocument, this::badBody, this::wrongVariables,
                this::oddUnicode, this::hugeOrDeep, this::batch, this::badBytes);
        int errors = 0;
        for (int i = 0; i < count; i++) {
            byte[] body = kinds.get(random.nextInt(kinds.size())).apply(random);
            String contentType = random.nextInt(20) == 0 ? pick(random, List.of("text/plain", "application/graphql", "application/json; charset=latin1", "")) : "application/json";
            try {
                RawRequests.Answer a = requests.post(contentType.isEmpty() ? null : contentType, body);
                errors += a.errors() == null ? 0 : 1;
                if (a.errors() != null && a.body().contains("\"INTERNAL\"")) {
                    throw new AssertionError("A client's mistake reported as a server bug: " + a.body());
                }
            } catch (AssertionError e) {
                String sent = new String(body, StandardCharsets.UTF_8);
                throw new AssertionError("seed " + seed + ", request " + i + " (" + contentType + "): "
                        + (sent.length() > 2_000 ? sent.substring(0, 2_000) + "..." : sent) + "\n" + e.getMessage(), e);
            }
        }
        assertTrue(errors > count / 2, "most generated requests are bad: " + errors + " of " + count);
        // still healthy: a normal query is answered normally
        RawRequests.Answer after = requests.post("{\"query\": \"{ __typename departments(first: 1) { id } }\"}");
        assertEquals("Query", after.json().getJsonObject("data").getString("__typename"), after.body());
    }

    private byte[] json(Object value) {
        String text = value instanceof JsonObject o ? o.encode() : value instanceof JsonArray a ? a.encode() : String.valueOf(value);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    private JsonObject validVariables(Random r) {
        return new JsonObject().put("id", String.valueOf(1 + r.nextInt(5))).put("n", "fuzz-" + r.nextInt(1_000_000))
                .put("d", 1 + r.nextInt(3)).put("e", 1 + r.nextInt(3)).put("skip", r.nextBoolean());
    }

    /** A corpus document with a few random edits: deleted, inserted, duplicated or swapped characters, cut short. */
    private byte[] mutatedDocument(Random r) {
        StringBuilder doc = new StringBuilder(pick(r, CORPUS));
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && doc.length() > 0; e++) {
            int at = r.nextInt(doc.length());
            switch (r.nextInt(5)) {
                case 0 -> doc.deleteCharAt(at);
                case 1 -> doc.insert(at, ODD[r.nextInt(ODD.length)]);
                case 2 -> doc.insert(at, doc.substring(at, Math.min(doc.length(), at + 1 + r.nextInt(20))));
                case 3 -> doc.setLength(at);
                default -> {
                    int other = r.nextInt(doc.length());
                    char c = doc.charAt(at);
                    doc.setCharAt(at, doc.charAt(other));
                    doc.setCharAt(other, c);
                }
            }
        }
        return json(new JsonObject().put("query", doc.toString()).put("variables", validVariables(r)));
    }

    /** Shapes a GraphQL request body must not have. */
    private byte[] badBody(Random r) {
        Object[] wrong = { 5, -1.5, true, "x", new JsonArray().add(1), new JsonObject().put("a", 1), null, "" };
        JsonObject body = new JsonObject().put("query", pick(r, CORPUS));
        switch (r.nextInt(6)) {
            case 0 -> body.put("query", wrong[r.nextInt(wrong.length)]);
            case 1 -> body.put("variables", wrong[r.nextInt(wrong.length - 2)]);
            case 2 -> body.put("operationName", wrong[r.nextInt(wrong.length - 2)]);
            case 3 -> body.put("extensions", wrong[r.nextInt(wrong.length - 2)]);
            case 4 -> {
                return json(wrong[r.nextInt(wrong.length)]);
            }
            default -> {
                String text = body.encode();
                return text.substring(0, r.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
            }
        }
        return json(body);
    }

    /** Valid documents with variables of the wrong type, missing or null where required. */
    private byte[] wrongVariables(Random r) {
        Object[] values = { "ten", 1e20, -1, 0, 2_147_483_648L, new JsonObject().put("x", 1), new JsonArray().add("a"), true, null, "",
                "9".repeat(40), 1.5 };
        JsonObject vars = new JsonObject();
        for (String name : List.of("id", "n", "d", "e", "skip")) {
            if (r.nextBoolean()) {
                vars.put(name, values[r.nextInt(values.length)]);
            }
        }
        return json(new JsonObject().put("query", CORPUS.get(1 + r.nextInt(CORPUS.size() - 2))).put("variables", vars));
    }

    /** Strings full of odd code points, in variables and in literals. */
    private byte[] oddUnicode(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = 1 + r.nextInt(20); i < n; i++) {
            s.append(ODD[r.nextInt(ODD.length)]);
            if (r.nextBoolean()) {
                s.appendCodePoint(r.nextInt(0x10FFFF));
            }
        }
        String value = s.toString();
        if (r.nextBoolean()) {
            return json(new JsonObject().put("query", "query($n: String!) { departmentByName(name: $n) { id } employees(name: $n, first: 1) { id } }")
                    .put("variables", new JsonObject().put("n", value)));
        }
        String literal = value.replace("\\", "\\\\").replace("\"", "\\\"");
        return json(new JsonObject().put("query", "{ departmentByName(name: \"" + literal + "\") { id } }"));
    }

    /** Huge strings, deep selections, long alias lists, deep JSON. */
    private byte[] hugeOrDeep(Random r) {
        int n = 1 + r.nextInt(2_000);
        return switch (r.nextInt(5)) {
            case 0 -> json(new JsonObject().put("query", "query($n: String!) { departmentByName(name: $n) { id } }")
                    .put("variables", new JsonObject().put("n", "x".repeat(n * 100))));
            case 1 -> json(new JsonObject().put("query",
                    "{ employee(id: 1) " + "{ departments(first: 2) { employees(first: 2) ".repeat(n / 20 + 1) + "{ id }"
                            + " } }".repeat(n / 20 + 1) + " }"));
            case 2 -> {
                StringBuilder q = new StringBuilder("{");
                for (int i = 0; i < n; i++) {
                    q.append(" a").append(i).append(": departments(first: 10) { id }");
                }
                yield json(new JsonObject().put("query", q.append(" }").toString()));
            }
            case 3 -> ("[".repeat(n) + "]".repeat(n)).getBytes(StandardCharsets.UTF_8);
            default -> json(new JsonObject().put("query", "{" + "{".repeat(n) + "}".repeat(n) + "}"));
        };
    }

    /** Arrays of operations, as Apollo's batching link sends them. */
    private byte[] batch(Random r) {
        JsonArray ops = new JsonArray();
        for (int i = 0, n = r.nextInt(5); i < n; i++) {
            ops.add(new JsonObject().put("query", pick(r, CORPUS)).put("variables", validVariables(r)));
        }
        return json(ops);
    }

    /** Bytes that are not UTF-8, inside an otherwise fine body. */
    private byte[] badBytes(Random r) {
        byte[] head = "{\"query\": \"{ departmentByName(name: \\\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\\\") { id } }\"}".getBytes(StandardCharsets.UTF_8);
        byte[] junk = new byte[1 + r.nextInt(8)];
        r.nextBytes(junk);
        junk[0] = (byte) (0x80 | junk[0]);
        byte[] out = new byte[head.length + junk.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(junk, 0, out, head.length, junk.length);
        System.arraycopy(tail, 0, out, head.length + junk.length, tail.length);
        return out;
    }


}

package io.relgraph.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQL;
import io.restassured.path.json.JsonPath;

/**
 * Runs every operation of {@code examples/} in file-name order, so the documented examples never
 * rot. An aliased top-level field's {@code id} becomes a variable for the files after it; where
 * {@code NAME.expected.json} exists the operation's data must equal it (see examples/README.md).
 */
@QuarkusTest
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("examples");

    @Test
    void everyExampleRunsAndAnswersWhatItsExpectedFileSays() throws Exception {
        // The examples use fixed names and keys: clear them from a database an earlier run used.
        Database.update("delete from address where user_id = 424242");
        Database.update("delete from users where id = 424242");
        Database.update("delete from department where name = 'IT'");

        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".graphql")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no examples found in " + EXAMPLES.toAbsolutePath());
        Map<String, Object> ids = new HashMap<>();
        int queries = 0;
        for (Path file : files) {
            String document = Files.readString(file, StandardCharsets.UTF_8);
            boolean query = isQuery(document);
            double compiledBefore = query ? compiledRequests() : 0;
            List<Object> vars = new ArrayList<>();
            ids.forEach((k, v) -> {
                if (document.contains("$" + k)) {
                    vars.add(k);
                    vars.add(v);
                }
            });
            JsonPath r = GraphQL.run(document, vars.toArray());
            assertNull(r.get("errors"), file + " failed: " + r.prettify());
            if (query) {
                // every query among the examples is answered by the read compiler (counted by the path metric)
                queries++;
                assertEquals(compiledBefore + 1, compiledRequests(), file + " served by the compiled path");
            }
            Map<String, Object> data = r.getMap("data");
            data.forEach((alias, value) -> {
                if (value instanceof Map<?, ?> m && m.get("id") != null) {
                    ids.put(alias, m.get("id"));
                }
            });
            Path expected = Path.of(file.toString().replace(".graphql", ".expected.json"));
            if (Files.exists(expected)) {
                Object want = JsonPath.from(Files.readString(expected, StandardCharsets.UTF_8)).get("$");
                assertEquals(want, data, file + " answered differently from " + expected);
            }
        }
        assertEquals(2L, Database.count("select count(*) from address where user_id = 424242"));
        assertTrue(queries > 0);
    }

    private static boolean isQuery(String document) {
        return new graphql.parser.Parser().parseDocument(document).getDefinitionsOfType(graphql.language.OperationDefinition.class)
                .get(0).getOperation() == graphql.language.OperationDefinition.Operation.QUERY;
    }

    /** relgraph_graphql_requests_total{path="compiled"} as /q/metrics shows it. */
    static double compiledRequests() {
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("relgraph_graphql_requests_total{") && l.contains("path=\"compiled\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}

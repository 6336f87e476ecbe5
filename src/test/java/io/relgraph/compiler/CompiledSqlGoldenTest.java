package io.relgraph.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.parser.Parser;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.V1Catalog;

/**
 * The compiler's output, pinned: for each case under {@code src/test/resources/compiler/golden} (a
 * document, with its variables and operation name in leading {@code # variables:} / {@code # operation:}
 * lines) the SQL statement and parameters the compiler writes, or the reason it leaves the request to
 * the resolver engine, are those of the committed {@code .sql} file beside it. A change to the
 * compiler's SQL shows up in review as a diff of these files. Plain JUnit: no application, no
 * database (the relational model is built from the migration's catalog facts, {@link V1Catalog}).
 *
 * <p>Refresh after an intended change: {@code ./mvnw test -Dtest=CompiledSqlGoldenTest -Drelgraph.golden.update=true};
 * the run rewrites the files that differ and then fails, naming them, so a refresh is never silently
 * green: review the diff, commit, and run again without the property.
 */
class CompiledSqlGoldenTest {

    static final Path DIRECTORY = Path.of("src", "test", "resources", "compiler", "golden");
    static final int MAX_PAGE_SIZE = 1000;
    /** The model of db/migration/V1__schema.sql (its catalog facts, checked against the real catalog by CatalogFactsTest). */
    static final RelationalModel MODEL = V1Catalog.model();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCompilerWritesTheCommittedStatementForEveryCase() throws IOException {
        verify(DIRECTORY, Boolean.getBoolean("relgraph.golden.update"), 30);
    }

    @Test
    void aRefreshRewritesTheFileAndStillFails(@TempDir Path dir) throws IOException {
        Files.copy(DIRECTORY.resolve("01-department-by-id.graphql"), dir.resolve("01.graphql"));
        Files.writeString(dir.resolve("01.sql"), "select 'stale'\n");
        AssertionError differs = assertThrows(AssertionError.class, () -> verify(dir, false, 1));
        assertTrue(differs.getMessage().contains("01.graphql"), differs.getMessage());
        AssertionError refreshed = assertThrows(AssertionError.class, () -> verify(dir, true, 1));
        assertTrue(refreshed.getMessage().contains("Rewrote 1 golden files"), refreshed.getMessage());
        assertEquals(Files.readString(DIRECTORY.resolve("01-department-by-id.sql")), Files.readString(dir.resolve("01.sql")));
        verify(dir, false, 1); // and now it is the committed one
        verify(dir, true, 1); // a refresh that changes nothing passes
    }

    /** Compares (or, with {@code update}, rewrites and then fails) every case of a directory. */
    static void verify(Path directory, boolean update, int minimumCases) throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(directory)) {
            cases = files.filter(p -> p.toString().endsWith(".graphql")).sorted().toList();
        }
        assertTrue(cases.size() >= minimumCases, "golden cases: " + cases.size());
        List<String> differing = new ArrayList<>();
        List<String> rewritten = new ArrayList<>();
        for (Path c : cases) {
            String actual = compile(Files.readString(c, StandardCharsets.UTF_8));
            Path golden = Path.of(c.toString().replaceAll("\\.graphql$", ".sql"));
            String committed = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : null;
            if (actual.equals(committed)) {
                continue;
            }
            if (update) {
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                rewritten.add(golden.getFileName().toString());
            } else {
                differing.add(c.getFileName() + (committed == null ? ": no golden file" : ":\n  committed: " + committed.strip().replace("\n", "\n             ")
                        + "\n  written:   " + actual.strip().replace("\n", "\n             ")));
            }
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(p -> p.toString().endsWith(".sql") && !Files.exists(Path.of(p.toString().replaceAll("\\.sql$", ".graphql"))))
                    .forEach(p -> differing.add(p.getFileName() + ": a golden file without its case"));
        }
        if (!rewritten.isEmpty()) {
            fail("Rewrote " + rewritten.size() + " golden files " + rewritten + "; review the diff, commit them and run again without"
                    + " -Drelgraph.golden.update");
        }
        if (!differing.isEmpty()) {
            fail(differing.size() + " compiled statements differ from their golden files (if the change is intended, refresh: ./mvnw test"
                    + " -Dtest=CompiledSqlGoldenTest -Drelgraph.golden.update=true, and commit):\n" + String.join("\n", differing));
        }
    }

    /** The case's statement and parameters, or the reason it is left to the resolver, as the golden file holds it. */
    static String compile(String source) throws IOException {
        Map<String, Object> variables = new LinkedHashMap<>();
        String operation = null;
        for (String line : source.split("\n")) {
            if (line.startsWith("# variables:")) {
                variables = JSON.readValue(line.substring("# variables:".length()), new TypeReference<LinkedHashMap<String, Object>>() {
                });
            } else if (line.startsWith("# operation:")) {
                operation = line.substring("# operation:".length()).strip();
            }
        }
        List<Plan.Candidate> plan;
        try {
            plan = Planner.plan(Parser.parse(source), operation, MODEL);
        } catch (Planner.NotCovered e) {
            return "-- not covered: " + e.getMessage() + "\n";
        }
        try {
            SqlWriter.Statement s = SqlWriter.write(plan, variables, MAX_PAGE_SIZE, MODEL);
            // a DateTime as its ISO text (the test has no Jackson module for java.time)
            List<Object> params = new ArrayList<>();
            s.params().forEach(p -> params.add(p instanceof java.time.temporal.Temporal t ? t.toString() : p));
            return s.sql() + "\n-- parameters: " + JSON.writeValueAsString(params) + "\n";
        } catch (SqlWriter.Fallback f) {
            return "-- left to the resolver engine: " + f.getMessage() + "\n";
        } catch (io.relgraph.graphql.ApiException refused) {
            return "-- refused before any SQL: " + refused.code() + ": " + refused.getMessage() + "\n";
        }
    }
}

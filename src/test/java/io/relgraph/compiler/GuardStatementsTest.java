package io.relgraph.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * bench/guards.sh measures "relgraph's compiled statement" from a file ({@code bench/workloads/guards/qN-1-compiled.sql}),
 * which is only worth its figures while it is the statement the compiler writes for that read. This compiles the
 * bench document as {@link CompiledSqlGoldenTest} does and compares it with the file's statement, its
 * parameters ({@code $1}, ...) taken as the file's pgbench variables in the order of its {@code \set} lines.
 * After an intended change of the compiler's SQL, rewrite the file from the golden case of the same document
 * ({@code 39-bench-q3.sql} for Q3) and check that the other variants still differ from it by their one guard.
 */
class GuardStatementsTest {

    private static final Path WORKLOADS = Path.of("bench", "workloads");

    @ParameterizedTest
    @CsvSource({ "q1, '{\"id\": \"1\"}'", "q3, '{}'" })
    void theGuardsCompiledStatementIsTheOneTheCompilerWrites(String read, String variables) throws IOException {
        String document = Files.readString(WORKLOADS.resolve(read + ".graphql"));
        String compiled = CompiledSqlGoldenTest.compile("# variables: " + variables + "\n" + document);
        assertTrue(compiled.startsWith("select "), compiled);
        String sql = compiled.substring(0, compiled.indexOf('\n'));

        List<String> names = new ArrayList<>();
        String statement = null;
        for (String line : Files.readAllLines(WORKLOADS.resolve("guards").resolve(read + "-1-compiled.sql"))) {
            if (line.startsWith("\\set ")) {
                names.add(line.split(" ")[1]);
            } else if (line.startsWith("select ")) {
                statement = line;
            }
        }
        // $10 before $1: replace from the last parameter down
        for (int i = names.size(); i >= 1; i--) {
            sql = sql.replace("$" + i + "::", ":" + names.get(i - 1) + "::");
        }
        assertEquals(statement, sql + ";", "bench/workloads/guards/" + read + "-1-compiled.sql is not the statement the compiler writes"
                + " for bench/workloads/" + read + ".graphql (parameters " + names + ")");
    }
}

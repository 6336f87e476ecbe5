package io.relgraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Outside clients, written by others, run against the application under test: the scripts in
 * {@code src/test/node} with the npm packages their lock file pins (graphql-http's audit suite, the graphql-ws
 * client). The packages are installed once ({@code npm ci}) on first use. Without Node.js or the npm registry
 * the tests that use them are skipped and say why; under CI ({@code CI=true}) they fail instead.
 */
public final class NodeClients {

    static final Path DIR = Path.of("src/test/node");
    private static boolean installed;

    private NodeClients() {
    }

    /** What the script printed on stdout, one entry per line; fails when it exits other than 0 or {@code okExits}. */
    public static List<String> run(String script, List<Integer> okExits, String... args) throws Exception {
        install();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("relgraph-node", ".out");
        Path err = Files.createTempFile("relgraph-node", ".err");
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("node " + script + " did not finish within 5 minutes");
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 && !okExits.contains(p.exitValue())) {
            throw new AssertionError("node " + script + " exited " + p.exitValue() + ":\n" + String.join("\n", lines) + "\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static synchronized void install() throws Exception {
        if (installed) {
            return;
        }
        if (!Files.isDirectory(DIR.resolve("node_modules/graphql-http")) || !Files.isDirectory(DIR.resolve("node_modules/graphql-ws"))) {
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile()).redirectErrorStream(true).start();
            } catch (IOException e) {
                unavailable("no npm on this machine (" + e.getMessage() + ")");
                return;
            }
            String log = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                unavailable("npm ci in " + DIR + " failed:\n" + log);
            }
        }
        installed = true;
    }

    private static void unavailable(String why) {
        String message = "Outside-client test SKIPPED: " + why;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        System.err.println(message);
        Assumptions.abort(message);
    }
}

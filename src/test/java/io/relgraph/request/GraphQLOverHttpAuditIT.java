package io.relgraph.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.NodeClients;
import io.relgraph.PackagedAppDatabase;
import io.vertx.core.json.JsonObject;

/**
 * The GraphQL-over-HTTP spec's own audit suite (npm {@code graphql-http}, {@code auditServer}), which no one
 * here wrote, against the packaged application: every MUST, SHOULD and MAY passes (none of the MAYs weakens
 * security: they are 400s for malformed requests and queries over GET).
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class GraphQLOverHttpAuditIT {

    @TestHTTPResource("/graphql")
    URL endpoint;

    @Test
    void everyAuditOfTheSpecPasses() throws Exception {
        List<String> lines = NodeClients.run("audit.mjs", List.of(), endpoint.toString());
        Map<String, int[]> byLevel = new TreeMap<>();
        StringBuilder failed = new StringBuilder();
        for (String line : lines) {
            JsonObject audit = new JsonObject(line);
            String level = audit.getString("name").split(" ")[0];
            int[] counts = byLevel.computeIfAbsent(level, l -> new int[2]);
            counts[1]++;
            if ("ok".equals(audit.getString("status"))) {
                counts[0]++;
            } else {
                failed.append('\n').append(audit.getString("id")).append(' ').append(audit.getString("name")).append(": ")
                        .append(audit.getString("reason"));
            }
        }
        StringBuilder summary = new StringBuilder();
        byLevel.forEach((level, c) -> summary.append(level).append(' ').append(c[0]).append('/').append(c[1]).append("  "));
        System.out.println("graphql-http audit: " + summary);
        assertTrue(byLevel.containsKey("MUST") && byLevel.containsKey("SHOULD"), "the audit ran no MUST or SHOULD: " + lines);
        assertEquals("", failed.toString(), "graphql-http audits that failed (" + summary + ")");
    }
}

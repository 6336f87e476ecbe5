package io.relgraph.compiler;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application with {@code relgraph.graphql.compiler.enabled=false}: every read, and every event's
 * read, answered by the resolver engine. One profile for every test that needs it
 * ({@link CompiledReadsDisabledTest}, {@code events.EventsWithoutCompilerTest}): each profile costs a
 * Quarkus build and start of its own (docs/testing.md).
 */
public class CompilerOff implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("relgraph.graphql.compiler.enabled", "false");
    }
}

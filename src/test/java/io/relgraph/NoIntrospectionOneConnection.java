package io.relgraph;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Two settings that no test of this profile reads both of: no introspection
 * ({@code relgraph.graphql.introspection=false}: auth.NoIntrospectionTest, whose requests are sent one
 * at a time), and a pool of one connection that sheds what waits longer than 1 s or beyond one waiting
 * statement (db.OverloadTest). One profile instead of two because each profile costs a Quarkus build and
 * start of its own (docs/testing.md); a test that needs introspection or sends requests concurrently
 * does not belong here.
 */
public class NoIntrospectionOneConnection implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("relgraph.graphql.introspection", "false",
                "quarkus.datasource.reactive.max-size", "1",
                "relgraph.db.pool.max-wait", "1s",
                "relgraph.db.pool.max-waiting", "1");
    }
}

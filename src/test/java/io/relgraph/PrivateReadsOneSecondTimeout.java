package io.relgraph;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Two settings that no test of this profile reads both of: reading needs role reader
 * ({@code relgraph.auth.public-reads=false}: auth.PrivateReadsTest, SubscriptionAuthorizationTest,
 * SubscriptionTokenExpiryTest), and a statement is cancelled after 1 s ({@code relgraph.graphql.timeout}:
 * db.TimeoutTest, whose requests are an admin's and whose statements are held by a lock). One profile
 * instead of two because each profile costs a Quarkus build and start of its own (docs/testing.md);
 * a test that needs public reads or the default timeout does not belong here.
 */
public class PrivateReadsOneSecondTimeout implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("relgraph.auth.public-reads", "false", "relgraph.graphql.timeout", "1s");
    }
}

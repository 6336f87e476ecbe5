package io.relgraph.auth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

/** The same refusals against the packaged application, with the key it made in its own directory. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class MutationAuthorizationIT extends MutationAuthorizationTest {
}

package io.relgraph.auth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

/** WebSocket operations meet graphql-java's guards in the packaged application too. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class UncheckedPathsIT extends UncheckedPathsTest {
}

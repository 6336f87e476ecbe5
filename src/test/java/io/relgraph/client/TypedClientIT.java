package io.relgraph.client;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

/** The typed client against the packaged application. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class TypedClientIT extends TypedClientTest {
}

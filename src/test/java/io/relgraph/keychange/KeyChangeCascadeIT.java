package io.relgraph.keychange;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

/** The same scenarios against the packaged application. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class KeyChangeCascadeIT extends KeyChangeCascadeTest {
}

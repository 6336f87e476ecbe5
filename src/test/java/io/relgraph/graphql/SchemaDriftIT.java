package io.relgraph.graphql;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

/** The packaged application serves the committed schema too. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class SchemaDriftIT extends SchemaDriftTest {
}

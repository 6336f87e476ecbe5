package io.relgraph.graphql;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

/** GraphiQL is part of the packaged (production) application. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class GraphiQLIT extends GraphiQLTest {
}

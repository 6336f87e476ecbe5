package io.relgraph.graphql;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

/** GraphiQL in Chromium against the packaged application, as an operator offers it. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class GraphiQLInBrowserIT extends GraphiQLInBrowserTest {
}

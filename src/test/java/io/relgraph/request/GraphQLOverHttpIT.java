package io.relgraph.request;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class GraphQLOverHttpIT extends GraphQLOverHttpTest {
}

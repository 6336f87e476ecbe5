package io.relgraph.persisted;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class PersistedQueriesIT extends PersistedQueriesTest {
}

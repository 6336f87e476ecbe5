package io.relgraph.mutation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

/** Mutations without the per-field engine, against the packaged application. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class MutationPayloadsIT extends MutationPayloadsTest {
}

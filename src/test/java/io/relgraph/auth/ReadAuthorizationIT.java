package io.relgraph.auth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

/** Open reads and guarded WebSocket writes in the packaged application. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class ReadAuthorizationIT extends ReadAuthorizationTest {
}

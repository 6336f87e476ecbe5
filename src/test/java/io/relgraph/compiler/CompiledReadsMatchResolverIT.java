package io.relgraph.compiler;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

/** The differential test against the packaged application (300 queries unless -Drelgraph.difftest.count says otherwise). */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class CompiledReadsMatchResolverIT extends CompiledReadsMatchResolverTest {

    @Override
    int defaultCount() {
        return 300;
    }
}

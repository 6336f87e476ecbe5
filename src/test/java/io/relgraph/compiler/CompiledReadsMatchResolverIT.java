package io.relgraph.compiler;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.relgraph.PackagedAppDatabase;

/**
 * The differential test against the packaged application (300 queries and 300 read-language requests unless
 * -Drelgraph.difftest.count / -Drelgraph.difftest.language-count say otherwise).
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppDatabase.class)
class CompiledReadsMatchResolverIT extends CompiledReadsMatchResolverTest {

    @Override
    int defaultCount() {
        return 300;
    }

    @Override
    int defaultLanguageCount() {
        return 300;
    }
}

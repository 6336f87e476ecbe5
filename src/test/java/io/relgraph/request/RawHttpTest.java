package io.relgraph.request;

import java.net.URL;

import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;

/** The ground of the pipeline's tests: raw requests to the running application's /graphql. */
abstract class RawHttpTest {

    @TestHTTPResource("/graphql")
    URL url;

    RawRequests requests;

    @BeforeEach
    void client() throws Exception {
        requests = new RawRequests(url.toURI());
    }
}

package io.relgraph.request;

import java.util.Map;

/**
 * One GraphQL request as the body or the query string gave it, checked for shape only.
 *
 * @param query the document's text, or null when only a persisted query's hash was sent
 * @param operationName the operation to run, or null
 * @param variables the raw variables (JSON values), never null
 * @param persistedHash {@code extensions.persistedQuery.sha256Hash} (lower case hex), or null
 * @param viaGet whether it came as a GET (which may carry queries only)
 */
record GraphQLRequest(String query, String operationName, Map<String, Object> variables, String persistedHash, boolean viaGet) {

    GraphQLRequest withQuery(String text) {
        return new GraphQLRequest(text, operationName, variables, persistedHash, viaGet);
    }
}

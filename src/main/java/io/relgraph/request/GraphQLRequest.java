package io.relgraph.request;

import java.util.Map;

/**
 * One GraphQL request as the body gave it, checked for shape only.
 *
 * @param query the document's text
 * @param operationName the operation to run, or null
 * @param variables the raw variables (JSON values), never null
 */
record GraphQLRequest(String query, String operationName, Map<String, Object> variables) {
}

package io.relgraph.request;

import java.util.Set;

import graphql.language.Document;

/**
 * A document that parsed, holds no NUL character, is not larger than the limits when its fragments
 * are expanded, and is valid against the schema; or the error that says why not. Cached by text.
 *
 * @param conditionVariables the variables that decide an {@code @include} or {@code @skip}: they may
 *        be nullable with a default, but an explicit null there is an error (graphql-java would fail)
 */
record CheckedDocument(Document document, RequestException refusal, Set<String> conditionVariables) {
}

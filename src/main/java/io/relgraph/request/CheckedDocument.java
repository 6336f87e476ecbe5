package io.relgraph.request;

import graphql.language.Document;

/**
 * A document that parsed, holds no NUL character, is not larger than the limits when its fragments
 * are expanded, and is valid against the schema; or the error that says why not. Cached by text.
 */
record CheckedDocument(Document document, RequestException refusal) {
}

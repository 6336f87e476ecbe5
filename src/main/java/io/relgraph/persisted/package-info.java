/**
 * Persisted queries: a client names a document by its SHA-256 instead of sending it. Two uses share one
 * store. Apollo's automatic persisted queries (what Apollo Client, urql and Relay send): a client sends the
 * hash alone, and on {@code PERSISTED_QUERY_NOT_FOUND} sends the document with its hash once; relgraph checks
 * that the hash is the document's and remembers it (bounded). And an allow-list for production lockdown:
 * documents read at start from {@code relgraph.graphql.persisted-dir}; with
 * {@code relgraph.graphql.persisted-only} the server runs those and nothing else. The request pipeline asks
 * here for the text of every request before it checks it, so a persisted query passes the same checks, and
 * hits the same caches of checked documents and compiled plans, as the same query sent in full.
 */
package io.relgraph.persisted;

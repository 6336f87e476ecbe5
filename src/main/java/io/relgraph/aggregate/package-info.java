/**
 * Aggregates (count, distinct values, min and max over the rows a where matches) and groups of the
 * association objects ({@code linkGroups}), at the root and per parent: their GraphQL types and
 * fields. The read compiler answers them inside the one statement of a query; the resolver engine
 * refuses them with VALIDATION.
 */
package io.relgraph.aggregate;

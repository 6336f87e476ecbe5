/**
 * Row estimates from the data: how long each list of the API can be in the database as it is now,
 * so that the request pipeline's row limit counts a list without {@code first} as the largest such
 * list there is (a department's employees: the most links any one department has; a root list: the
 * rows it can match) instead of the page limit at every level. {@link io.relgraph.estimate.SizedList}
 * says which lists are measured and how (every root and relation list of the relational model), {@link io.relgraph.estimate.RowEstimates} measures them all
 * in one statement at start and then every {@code relgraph.estimate.refresh-interval}, and hands the
 * pipeline an immutable {@link io.relgraph.estimate.ListSizes}. Between two refreshes a list may have
 * grown; the estimate never counts more than the page limit, and the statement's own page-limit
 * guard stays the last line (a list over it is {@code LIMIT_EXCEEDED}, never cut).
 */
package io.relgraph.estimate;

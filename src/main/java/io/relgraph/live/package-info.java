/**
 * Live queries: every {@code Query} root field is also a {@code Subscription} field of the same name,
 * arguments and type ({@link io.relgraph.live.LiveSchema}). A live query answers at once, then again
 * each time a committed change makes its answer different. It is not polled: statement-level
 * triggers (migration V3_17__live_query_tables.sql) name each table a transaction changed on the
 * instance's LISTEN connection ({@link io.relgraph.events.ChangeFeed}), and every live query that reads
 * that table re-runs its compiled statement. Subscribers of the same document and variables share one
 * {@link io.relgraph.live.LiveQuery}: one statement per re-run, whose JSON is parsed once and whose
 * unchanged answers are never sent. Re-runs are coalesced (one in flight per query, changes during a
 * run cause one more) and rate-limited by {@code relgraph.live.min-interval}; when the LISTEN
 * connection comes back after a loss, every live query re-runs, so none stays stale. When reads need
 * a token, a live query ends with {@code UNAUTHORIZED} when its token expires.
 */
package io.relgraph.live;

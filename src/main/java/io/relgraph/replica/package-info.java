/**
 * Read replicas with read-your-writes. With {@code DB_READ_URL} set ({@code relgraph.db.replica.urls}),
 * queries that arrive over HTTP (compiled reads and the resolver engine's reads of the same request)
 * are answered by a streaming replica; everything else (mutations and their payload reads, key
 * changes, LISTEN, live-query re-runs, Flyway, the catalog, the row estimates) stays on the primary.
 * <ul>
 * <li>{@link ReadReplicas}: the replicas' pools, their probe (reachable, replay position, lag), the
 * choice of a target per request, and the metrics;</li>
 * <li>{@link ReadRoute}: one request's target, chosen once, with the fall back to the primary when a
 * replica fails under it;</li>
 * <li>{@link CommitPosition} and {@link CommitPositions}: the {@code X-Relgraph-Lsn} header of every
 * mutation's response (replicas or not), the primary's WAL position after its commit: read by the
 * mutation runner's write on its own connection where it can, else on the pool after the answer;</li>
 * <li>{@link Lsn}: PostgreSQL's WAL positions ({@code 16/B374D848}) as numbers.</li>
 * </ul>
 * Without {@code DB_READ_URL} no replica is probed or read: every statement uses the primary's pool;
 * mutations' responses still carry their commit's position, so that a client's link works the same
 * before and after replicas are added.
 */
package io.relgraph.replica;

/**
 * Subscriptions fed by PostgreSQL: triggers (migration V2__events.sql) publish every committed change
 * of links, departments and primary keys with {@code pg_notify} on one channel; each instance LISTENs
 * on one dedicated, self-healing connection ({@link io.relgraph.events.ChangeFeed}) and fans the
 * changes out to its GraphQL subscribers ({@link io.relgraph.events.EventsGraphQL}), each behind a
 * bounded buffer of its own. The database is the source, not the process, so a change made through
 * any instance or in plain SQL reaches the subscribers of every instance, and a rolled-back
 * transaction reaches none. Payloads carry keys; an event's objects are read when it is answered,
 * once per distinct selection for all its subscribers ({@link io.relgraph.events.SharedEvents}), and on
 * relgraph's own graphql-transport-ws connection ({@link io.relgraph.events.GraphQLTransportWs}) its
 * bytes are rendered once and written to every subscriber's socket, flushed once per socket and
 * event-loop turn. The same connection also LISTENs for the tables each transaction changed, which
 * re-run live queries ({@link io.relgraph.live}).
 */
package io.relgraph.events;

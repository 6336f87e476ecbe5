/**
 * Who may do what: bearer tokens (JWT) verified with the MicroProfile JWT settings, roles from the
 * {@code groups} claim (admin includes writer, writer includes reader), and one table
 * ({@link io.relgraph.auth.Permissions}) that maps each Mutation field to the role it needs. The
 * {@link io.relgraph.auth.Authorizer} is called by the request pipeline before anything runs, and by
 * {@link io.relgraph.auth.OperationGuard} for every operation graphql-java starts (the WebSocket's
 * too), so a refused operation writes nothing. With no key configured, relgraph makes its own
 * ({@link io.relgraph.auth.KeyDirectory}, {@link io.relgraph.auth.AuthConfigSourceFactory}), writes an
 * admin token beside it, and the jar's {@code token} command mints tokens with it.
 */
package io.relgraph.auth;

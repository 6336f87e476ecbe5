/**
 * Who may do what: bearer tokens (JWT) verified with the MicroProfile JWT settings, roles from the
 * {@code groups} claim (admin includes writer, writer includes reader), and the rule that maps each
 * root field of an operation to the role it needs. Called by the request pipeline before anything
 * runs, so a refused request writes nothing.
 */
package io.relgraph.auth;

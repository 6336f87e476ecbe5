package io.relgraph.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import graphql.language.OperationDefinition;

/** Decides whether a request may run (placeholder until authorization lands: everything is allowed). */
@ApplicationScoped
public class Authorizer {

    /**
     * @param authorization the request's Authorization header (or a WebSocket init payload's), null when absent
     * @param operation query, mutation or subscription
     * @param rootFields the names of the operation's root fields (fragments resolved, introspection included)
     * @throws io.relgraph.graphql.ApiException UNAUTHORIZED or FORBIDDEN
     */
    public void authorize(String authorization, OperationDefinition.Operation operation, Set<String> rootFields) {
    }
}

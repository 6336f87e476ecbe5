package io.relgraph.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import graphql.language.OperationDefinition;
import io.relgraph.RelgraphConfig;
import io.quarkus.arc.Unremovable;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;

/**
 * Decides whether an operation may run, before anything of it runs. Reads and subscriptions are open
 * unless {@code relgraph.auth.public-reads=false} (then they need {@link Role#READER}); each Mutation
 * field needs the role {@link Permissions} gives it, and an operation needs the highest role of its
 * root fields. {@code __typename} needs nothing more than a read; {@code __schema} and {@code __type}
 * are refused while {@code relgraph.graphql.introspection=false}.
 */
@ApplicationScoped
@Unremovable // looked up by OperationGuard, which SmallRye makes outside CDI
public class Authorizer {

    @Inject
    TokenVerifier tokens;

    private final boolean publicReads;
    private final boolean introspection;

    Authorizer(RelgraphConfig config) {
        this.publicReads = config.auth().publicReads();
        this.introspection = config.graphql().introspection();
    }

    /**
     * @param authorization the request's Authorization header (or a WebSocket init payload's), null when absent
     * @param operation query, mutation or subscription
     * @param rootFields the names of the operation's root fields (fragments resolved, introspection included)
     * @throws io.relgraph.graphql.ApiException UNAUTHORIZED or FORBIDDEN
     */
    public void authorize(String authorization, OperationDefinition.Operation operation, Set<String> rootFields) {
        if (!introspection && (rootFields.contains("__schema") || rootFields.contains("__type"))) {
            throw new ApiException(ErrorCode.FORBIDDEN,
                    "Introspection is turned off on this server (relgraph.graphql.introspection=false)");
        }
        Role needed = needed(operation, rootFields);
        if (needed == null) {
            return;
        }
        TokenVerifier.Caller caller = tokens.verify(authorization, needed);
        if (caller.role() == null || !caller.role().includes(needed)) {
            throw new ApiException(ErrorCode.FORBIDDEN, describe(operation, rootFields, needed)
                    + " needs role '" + needed.claim() + "'; the token of '" + caller.subject() + "' has "
                    + (caller.role() == null ? "no relgraph role" : "role '" + caller.role().claim() + "'"));
        }
    }

    /** False when {@code relgraph.graphql.introspection=false}: {@code __schema} and {@code __type} are refused. */
    public boolean introspectionAllowed() {
        return introspection;
    }

    /** The role the operation needs, null when anyone may run it. */
    Role needed(OperationDefinition.Operation operation, Set<String> rootFields) {
        Role needed = publicReads ? null : Role.READER;
        if (operation == OperationDefinition.Operation.MUTATION) {
            for (String field : rootFields) {
                if (!"__typename".equals(field)) {
                    Role r = Permissions.mutation(field);
                    needed = needed == null || r.includes(needed) ? r : needed;
                }
            }
        }
        return needed;
    }

    private static String describe(OperationDefinition.Operation operation, Set<String> rootFields, Role needed) {
        if (operation == OperationDefinition.Operation.SUBSCRIPTION) {
            return "Subscribing";
        }
        if (operation != OperationDefinition.Operation.MUTATION) {
            return "Reading";
        }
        return rootFields.stream().filter(f -> Permissions.mutation(f) == needed).findFirst()
                .map(f -> "Mutation '" + f + "'").orElse("This mutation");
    }
}

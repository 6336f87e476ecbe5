package io.relgraph.graphql;

/** The stable {@code extensions.code} values of the API contract. Clients switch on these; never rename one. */
public enum ErrorCode {
    NOT_FOUND,
    /** Duplicate name, link already exists, a one-to-one slot already taken. */
    CONFLICT,
    /** A key change to an id that is taken. */
    KEY_CONFLICT,
    /** A bad argument: empty or over-long string, non-positive id, ... */
    VALIDATION,
    /** No valid bearer token (missing, expired, bad signature, wrong issuer) where one is needed. */
    UNAUTHORIZED,
    /** A valid token without the role the operation needs. */
    FORBIDDEN,
    /** Depth, complexity or page size over the server's limits. */
    LIMIT_EXCEEDED,
    /** The request ran longer than relgraph.graphql.timeout; its statement was cancelled. */
    TIMEOUT,
    /** The database cannot be reached, or the server is overloaded (no connection within the wait). */
    UNAVAILABLE,
    /** A bug: logged with a correlation id, no details leaked. */
    INTERNAL,
    /**
     * A persisted query's hash this server does not know (yet): the client sends the document with the hash
     * once (Apollo's automatic persisted queries). Its message is {@code PersistedQueryNotFound}, the text
     * those clients match.
     */
    PERSISTED_QUERY_NOT_FOUND,
    /** The server runs only its persisted operations ({@code relgraph.graphql.persisted-only}) and this is not one. */
    OPERATION_NOT_ALLOWED
}

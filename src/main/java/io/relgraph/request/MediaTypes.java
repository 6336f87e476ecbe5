package io.relgraph.request;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import io.relgraph.graphql.ErrorCode;

/**
 * The media types of GraphQL over HTTP: what a request body may be, and which of the two response types a
 * client gets. Clients are lenient in what they send: GraphiQL's fetcher repeats {@code Content-Type}
 * (browsers join the copies with a comma), others add {@code charset=utf-8}, Apollo Client asks for
 * {@code application/graphql-response+json,application/json;q=0.9}. All of those are read as meant.
 */
final class MediaTypes {

    static final String JSON = "application/json";
    static final String GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
    static final String GRAPHQL = "application/graphql";

    private MediaTypes() {
    }

    /** The response types relgraph writes; their HTTP status rules differ (see {@link #status}). */
    enum Response {
        /** {@code application/json}: a GraphQL error is answered with 200 (the contract before the spec's new type). */
        JSON(MediaTypes.JSON),
        /** {@code application/graphql-response+json}: a response without {@code data} carries a 4xx or 5xx. */
        GRAPHQL_RESPONSE_JSON(MediaTypes.GRAPHQL_RESPONSE_JSON);

        final String contentType;

        Response(String contentType) {
            this.contentType = contentType;
        }
    }

    /**
     * The body's media type, without parameters and lower case: one type, however often it is repeated.
     * A request without one, with several different ones, or with a charset other than UTF-8 is refused
     * with 415.
     */
    static String requestType(String header) {
        if (header == null || header.isBlank()) {
            throw RequestException.malformed(415, ErrorCode.VALIDATION,
                    "The request has no Content-Type: send the body as application/json (or a bare document as application/graphql)");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String value : header.split(",")) {
            String[] parts = value.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                continue;
            }
            types.add(type);
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
                    String charset = kv[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
                    if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                        // The body is read as UTF-8 here; an engine that honoured another charset would read other
                        // bytes as another document than the one checked (and authorized) here.
                        throw RequestException.malformed(415, ErrorCode.VALIDATION,
                                "The request body must be UTF-8 (GraphQL over HTTP), not charset=" + charset);
                    }
                }
            }
        }
        if (types.size() != 1) {
            throw RequestException.malformed(415, ErrorCode.VALIDATION, types.isEmpty()
                    ? "The request's Content-Type names no media type: send application/json"
                    : "The request's Content-Type names several media types (" + String.join(", ", types)
                            + "): send one, application/json");
        }
        String type = types.iterator().next();
        if (!type.equals(JSON) && !type.equals(GRAPHQL) && !type.endsWith("+json")) {
            throw RequestException.malformed(415, ErrorCode.VALIDATION,
                    "Send the request as application/json (or a bare document as application/graphql), not " + type);
        }
        return type;
    }

    /**
     * The response type for an {@code Accept} header: the acceptable one with the highest {@code q}, the
     * spec's own type first among equals; none or {@code *}/{@code *} is {@code application/json}. A client
     * that accepts neither is refused with 406 (in {@code application/json}, the one type every client reads).
     */
    static Response negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return Response.JSON;
        }
        double graphqlResponse = -1;
        double json = -1;
        for (String value : accept.split(",")) {
            String[] parts = value.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("q")) {
                    try {
                        q = Double.parseDouble(kv[1].trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q <= 0) {
                continue;
            }
            switch (type) {
                case GRAPHQL_RESPONSE_JSON -> graphqlResponse = Math.max(graphqlResponse, q);
                // a wildcard is answered with the type every client reads
                case JSON, "application/*", "*/*" -> json = Math.max(json, q);
                default -> {
                }
            }
        }
        if (graphqlResponse < 0 && json < 0) {
            throw RequestException.malformed(406, ErrorCode.VALIDATION, "The request accepts neither "
                    + GRAPHQL_RESPONSE_JSON + " nor " + JSON + " (Accept: " + accept + ")");
        }
        return graphqlResponse >= json ? Response.GRAPHQL_RESPONSE_JSON : Response.JSON;
    }

    /**
     * The HTTP status of a refusal. With {@code application/json} every GraphQL error is a 200, as the
     * contract always said; only a request that is not GraphQL over HTTP at all carries its 4xx. With
     * {@code application/graphql-response+json} a response without {@code data} says why in its status,
     * as the GraphQL-over-HTTP spec asks.
     */
    static int status(Response type, int malformedStatus, ErrorCode code) {
        if (malformedStatus != 0) {
            return malformedStatus;
        }
        if (code == ErrorCode.PERSISTED_QUERY_NOT_FOUND) {
            // Apollo's and urql's persisted-query links re-send the document on this error, but give up on
            // persisted queries for good when it comes with a 400: it is a step of the protocol, not a failure.
            return 200;
        }
        if (type == Response.JSON) {
            return 200;
        }
        return switch (code) {
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case TIMEOUT -> 504;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
            default -> 400;
        };
    }
}

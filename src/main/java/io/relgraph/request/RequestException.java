package io.relgraph.request;

import java.util.List;

import graphql.language.SourceLocation;
import io.relgraph.graphql.ErrorCode;

/**
 * Why the pipeline refused a request: one or more errors with the contract's codes, and where in the
 * document. {@code httpStatus} is set for a request that is not a well-formed GraphQL-over-HTTP request
 * at all (body not JSON, no {@code query}, a media type relgraph does not read, a mutation over GET):
 * such a refusal carries its 4xx whatever the client accepts; every other refusal's status follows the
 * response's media type ({@link MediaTypes}).
 */
final class RequestException extends RuntimeException {

    /** One error of the response. */
    record Error(ErrorCode code, String message, List<SourceLocation> locations) {
    }

    private final List<Error> errors;
    private final int httpStatus;

    RequestException(List<Error> errors) {
        this(errors, 0);
    }

    private RequestException(List<Error> errors, int httpStatus) {
        super(errors.get(0).message(), null, false, false);
        this.errors = errors;
        this.httpStatus = httpStatus;
    }

    RequestException(ErrorCode code, String message, List<SourceLocation> locations) {
        this(List.of(new Error(code, message, locations == null ? List.of() : locations)));
    }

    /** A request GraphQL over HTTP does not allow (400 Bad Request, 405, 406, 413, 415): refused with that status. */
    static RequestException malformed(int httpStatus, ErrorCode code, String message) {
        return new RequestException(List.of(new Error(code, message, List.of())), httpStatus);
    }

    List<Error> errors() {
        return errors;
    }

    /** The HTTP status this refusal must carry, or 0 when the response's media type decides. */
    int httpStatus() {
        return httpStatus;
    }
}

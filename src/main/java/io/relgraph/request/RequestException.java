package io.relgraph.request;

import java.util.List;

import graphql.language.SourceLocation;
import io.relgraph.graphql.ErrorCode;

/** Why the pipeline refused a request: one or more errors with the contract's codes, and where in the document. */
final class RequestException extends RuntimeException {

    /** One error of the response. */
    record Error(ErrorCode code, String message, List<SourceLocation> locations) {
    }

    private final List<Error> errors;

    RequestException(List<Error> errors) {
        super(errors.get(0).message(), null, false, false);
        this.errors = errors;
    }

    RequestException(ErrorCode code, String message, List<SourceLocation> locations) {
        this(List.of(new Error(code, message, locations == null ? List.of() : locations)));
    }

    List<Error> errors() {
        return errors;
    }
}

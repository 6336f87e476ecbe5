package io.relgraph.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

/**
 * The one exception type that reaches clients. graphql-java copies {@link #getExtensions()} of a
 * {@link GraphQLError} thrown by a field into the response, so {@code extensions.code} is exactly
 * its {@link ErrorCode}; the message is shown because this class is on SmallRye's show-list.
 */
public class ApiException extends RuntimeException implements GraphQLError {

    private final ErrorCode code;
    private final String correlationId;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public ApiException(ErrorCode code, String message, String correlationId, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.correlationId = correlationId;
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ApiException validation(String message) {
        return new ApiException(ErrorCode.VALIDATION, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public Map<String, Object> getExtensions() {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("code", code.name());
        if (correlationId != null) {
            ext.put("correlationId", correlationId);
        }
        return ext;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return graphql.ErrorType.DataFetchingException;
    }
}

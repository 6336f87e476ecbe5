package io.relgraph.graphql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.SourceLocation;
import io.relgraph.RelgraphConfig;
import io.smallrye.graphql.spi.EventingService;
import io.relgraph.request.CheckedRequest;

/**
 * Shapes the graphql-java engine that SmallRye builds (an {@link EventingService}, registered with the
 * ServiceLoader; SmallRye's CDI events would do too, but they fire an event for every field fetched):
 * query depth and complexity limits, and the last word on errors, so that every error of a
 * response carries one of the contract's codes. Field errors raised by relgraph already are
 * {@link ApiException}s; this covers what graphql-java reports itself (a document that does not
 * parse or validate, a variable of the wrong type, a limit) and anything that escaped as a bug.
 */
public class GraphQLEngine implements EventingService {

    /**
     * Made by SmallRye through the ServiceLoader, possibly before the runtime configuration exists (its
     * event emitter is static): the settings are read when the engine is built, not here.
     */
    public GraphQLEngine() {
    }

    /** Always on: it has no switch of its own (SmallRye asks for the config key that would enable it). */
    @Override
    public String getConfigKey() {
        return null;
    }

    /**
     * Adds to what SmallRye set, never replaces it: its instrumentation and document provider are its
     * query cache, which its own request handling reads too. The builder has no getters, so a
     * throw-away build shows what is there.
     */
    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        GraphQL current = builder.build();
        PreparsedDocumentProvider documents = current.getPreparsedDocumentProvider();
        RelgraphConfig.GraphQL config = RelgraphConfig.current().graphql();
        return builder.instrumentation(new ChainedInstrumentation(List.of(
                current.getInstrumentation(),
                new UnlessChecked(new MaxQueryDepthInstrumentation(config.maxDepth())),
                new UnlessChecked(new MaxQueryComplexityInstrumentation(config.maxComplexity())),
                new ErrorCodes())))
                .preparsedDocumentProvider(new CodedDocuments(documents));
    }

    /** The same documents; one that does not validate is answered with the contract's codes. */
    private record CodedDocuments(PreparsedDocumentProvider documents) implements PreparsedDocumentProvider {
        @Override
        public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
            return documents.getDocumentAsync(input, parseAndValidate)
                    .thenApply(entry -> entry.hasErrors() ? new PreparsedDocumentEntry(withCodes(entry.getErrors())) : entry);
        }
    }

    /**
     * A limit for the operations the request pipeline did not check (over the WebSocket): a POST it handed
     * on was measured against the same limits already ({@link CheckedRequest}), and walking its
     * document again cost a write as much as its SQL.
     */
    private static final class UnlessChecked extends SimplePerformantInstrumentation {
        private final SimplePerformantInstrumentation limit;

        UnlessChecked(SimplePerformantInstrumentation limit) {
            this.limit = limit;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            return CheckedRequest.marked(parameters.getExecutionContext().getExecutionInput()) ? super.beginExecuteOperation(parameters, state) : limit.beginExecuteOperation(parameters, state);
        }
    }

    /**
     * The contract's codes and words on every error, listed in a stable order: graphql-java appends
     * a field's error when its fetch fails, and the batch loaders of sibling relations complete in
     * whatever order the database answers, so the same request listed its errors differently from
     * run to run.
     */
    private static final class ErrorCodes extends SimplePerformantInstrumentation {
        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            List<GraphQLError> errors = result.getErrors();
            if (errors.isEmpty()) {
                return CompletableFuture.completedFuture(result);
            }
            List<GraphQLError> out = inOrder(withCodes(errors));
            return CompletableFuture.completedFuture(out.equals(errors) ? result : result.transform(b -> b.errors(out)));
        }
    }

    /**
     * Errors by where they are: their place in the document (line, column), then their path in the
     * answer (list indices by number), then their message; errors without a location keep theirs
     * ahead of the rest, in the order they came (the sort is stable).
     */
    static List<GraphQLError> inOrder(List<GraphQLError> errors) {
        if (errors.size() < 2) {
            return errors;
        }
        List<GraphQLError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(GraphQLEngine::firstLocation, Comparator.nullsFirst(
                Comparator.comparingInt(SourceLocation::getLine).thenComparingInt(SourceLocation::getColumn)))
                .thenComparing(GraphQLError::getPath, Comparator.nullsFirst(GraphQLEngine::comparePaths))
                .thenComparing(e -> String.valueOf(e.getMessage())));
        return sorted;
    }

    private static SourceLocation firstLocation(GraphQLError e) {
        List<SourceLocation> locations = e.getLocations();
        return locations == null || locations.isEmpty() ? null : locations.get(0);
    }

    private static int comparePaths(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c = x instanceof Number n && y instanceof Number m ? Long.compare(n.longValue(), m.longValue())
                    : String.valueOf(x).compareTo(String.valueOf(y));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static boolean hasCode(GraphQLError e) {
        return e instanceof ExceptionWhileDataFetching f ? f.getException() instanceof ApiException
                : e.getExtensions() != null && e.getExtensions().get("code") != null;
    }

    static List<GraphQLError> withCodes(List<? extends GraphQLError> errors) {
        List<GraphQLError> out = new ArrayList<>(errors.size());
        for (GraphQLError e : errors) {
            out.add(hasCode(e) ? e : coded(e));
        }
        return out;
    }

    private static GraphQLError coded(GraphQLError e) {
        Map<String, Object> ext = new LinkedHashMap<>();
        String message = ErrorMapper.inApiWords(e.getMessage());
        ErrorClassification type = e.getErrorType();
        if (e instanceof ExceptionWhileDataFetching f) {
            // not an ApiException: a database fault that reached a field some other way, or a bug
            // (ErrorMapper logs a bug with its correlation id)
            ApiException mapped = ErrorMapper.map(f.getException());
            ext.putAll(mapped.getExtensions());
            message = mapped.getMessage();
        } else if (type == ErrorType.ExecutionAborted) {
            ext.put("code", ErrorCode.LIMIT_EXCEEDED.name());
        } else {
            // InvalidSyntax, ValidationError (unknown field, wrong argument or variable type, ...)
            ext.put("code", ErrorCode.VALIDATION.name());
        }
        return GraphqlErrorBuilder.newError().message(message).locations(e.getLocations()).path(e.getPath())
                .extensions(ext).build();
    }
}

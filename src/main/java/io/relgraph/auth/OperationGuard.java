package io.relgraph.auth;

import java.util.List;
import java.util.Map;

import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import io.quarkus.arc.Arc;
import io.relgraph.graphql.ApiException;
import io.relgraph.request.CheckedRequest;
import io.smallrye.graphql.spi.EventingService;
import jakarta.json.JsonString;

/**
 * The {@link Authorizer} for every operation graphql-java executes, not only the POST requests the
 * request pipeline checks first: operations over the WebSocket ({@code graphql-transport-ws}:
 * subscriptions, but queries and mutations too) and GET requests reach SmallRye's handlers directly.
 * The token is the {@code Authorization} entry of the WebSocket's {@code connection_init} payload
 * (SmallRye keeps it in the GraphQL context as {@code init-payload}), else the request's (or the
 * WebSocket upgrade's) {@code Authorization} header. A refusal aborts the operation before any field
 * runs, with the Authorizer's error as the response's only error. A POST the pipeline authorized
 * already ({@link CheckedRequest}) is not authorized twice.
 */
public class OperationGuard implements EventingService {

    /** Where SmallRye's WebSocket handlers put the connection_init payload. */
    static final String INIT_PAYLOAD = "init-payload";
    /** Where Quarkus' SmallRye handlers put the HTTP request's (or WebSocket upgrade's) headers. */
    static final String HTTP_HEADERS = "httpHeaders";

    /** Always on (SmallRye asks for the config key that would enable it). */
    @Override
    public String getConfigKey() {
        return null;
    }

    /** Adds to what is set (SmallRye's query cache instrumentation, relgraph's limits), never replaces it. */
    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        GraphQL current = builder.build();
        return builder.instrumentation(new ChainedInstrumentation(List.of(new Guard(), current.getInstrumentation())));
    }

    private static final class Guard extends SimplePerformantInstrumentation {

        private volatile Authorizer authorizer;

        /** SmallRye makes this class with the ServiceLoader, outside CDI: the bean is looked up once, on first use. */
        private Authorizer authorizer() {
            Authorizer a = authorizer;
            if (a == null) {
                a = Arc.container().instance(Authorizer.class).get();
                authorizer = a;
            }
            return a;
        }

        @Override
        public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            if (CheckedRequest.marked(parameters.getExecutionContext().getExecutionInput())) {
                return super.beginExecuteOperation(parameters, state); // authorized by the request pipeline already
            }
            ExecutionContext execution = parameters.getExecutionContext();
            try {
                authorizer().authorize(
                        authorization(execution.getGraphQLContext()),
                        execution.getOperationDefinition().getOperation(),
                        RootFields.of(execution.getOperationDefinition(), execution.getFragmentsByName()));
            } catch (ApiException refused) {
                throw new AbortExecutionException(List.of(refused));
            }
            return super.beginExecuteOperation(parameters, state);
        }
    }

    public static String authorization(GraphQLContext context) {
        if (context.get(INIT_PAYLOAD) instanceof Map<?, ?> payload) {
            for (Map.Entry<?, ?> e : payload.entrySet()) {
                if ("authorization".equalsIgnoreCase(String.valueOf(e.getKey())) && e.getValue() != null) {
                    return e.getValue() instanceof JsonString s ? s.getString() : String.valueOf(e.getValue());
                }
            }
        }
        if (context.get(HTTP_HEADERS) instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> e : headers.entrySet()) {
                if ("authorization".equalsIgnoreCase(String.valueOf(e.getKey()))) {
                    Object v = e.getValue();
                    if (v instanceof List<?> list) {
                        return list.isEmpty() ? null : String.valueOf(list.get(0));
                    }
                    return v == null ? null : String.valueOf(v);
                }
            }
        }
        return null;
    }
}

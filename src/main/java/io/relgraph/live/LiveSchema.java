package io.relgraph.live;

import java.util.List;

import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeReference;
import io.smallrye.graphql.spi.EventingService;

/**
 * Puts live queries into the schema SmallRye builds (an {@link EventingService}, registered with the
 * ServiceLoader): for every {@code Query} field a {@code Subscription} field of the same name,
 * arguments and type, fetched by {@link LiveFetcher}. Because it mirrors whatever {@code Query} holds
 * when the schema is built, a root field added to the read API is live without a line here.
 * <p>
 * And it has graphql-java complete a live answer without resolvers: a live subscription's event is the
 * root field's value as PostgreSQL built it, made of {@link LiveObject}s, and every field below reads
 * its response key from its parent {@code LiveObject} instead of calling its resolver or batch loader.
 */
public class LiveSchema implements EventingService {

    static final String SUBSCRIPTION = "Subscription";

    /** Always on (SmallRye asks for the config key that would enable it). */
    @Override
    public String getConfigKey() {
        return null;
    }

    /** The builder has no getters: a throw-away build shows what is there. */
    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema current = builder.build();
        GraphQLObjectType query = current.getQueryType();
        GraphQLObjectType subscription = current.getSubscriptionType();
        GraphQLObjectType.Builder live = subscription == null ? GraphQLObjectType.newObject().name(SUBSCRIPTION)
                : GraphQLObjectType.newObject(subscription);
        GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry(current.getCodeRegistry());
        DataFetcher<?> fetcher = new LiveFetcher();
        for (GraphQLFieldDefinition field : query.getFieldDefinitions()) {
            if (subscription != null && subscription.getFieldDefinition(field.getName()) != null) {
                continue; // an event subscription of that name wins (none today)
            }
            live.field(mirror(field));
            code.dataFetcher(FieldCoordinates.coordinates(SUBSCRIPTION, field.getName()), fetcher);
        }
        return builder.subscription(live.build()).codeRegistry(code.build());
    }

    /** The query field as a subscription field: same name, arguments, type; its types by reference, as the schema holds them once. */
    private static GraphQLFieldDefinition mirror(GraphQLFieldDefinition field) {
        GraphQLFieldDefinition.Builder b = GraphQLFieldDefinition.newFieldDefinition()
                .name(field.getName())
                .description("Live query: the answer of Query." + field.getName() + " now, then again each time a committed change "
                        + "makes it different (at most one message per relgraph.live.min-interval)"
                        + (field.getDescription() == null ? "" : ". Query." + field.getName() + ": " + field.getDescription()))
                .type((graphql.schema.GraphQLOutputType) referenced(field.getType()));
        if (field.isDeprecated()) {
            b.deprecate(field.getDeprecationReason());
        }
        for (GraphQLArgument a : field.getArguments()) {
            b.argument(a.transform(ab -> ab.type((graphql.schema.GraphQLInputType) referenced(a.getType()))));
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static <T extends GraphQLType> T referenced(GraphQLType type) {
        if (type instanceof GraphQLNonNull n) {
            return (T) GraphQLNonNull.nonNull(referenced(n.getWrappedType()));
        }
        if (type instanceof GraphQLList l) {
            return (T) GraphQLList.list(referenced(l.getWrappedType()));
        }
        return (T) GraphQLTypeReference.typeRef(((GraphQLNamedType) type).getName());
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        GraphQL current = builder.build();
        return builder.instrumentation(new ChainedInstrumentation(List.of(current.getInstrumentation(), new LiveValues())));
    }

    /** Below a live subscription's root, a field is its parent's value, already computed. */
    private static final class LiveValues extends SimplePerformantInstrumentation {
        @Override
        public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                InstrumentationState state) {
            if (parameters.getExecutionContext().getOperationDefinition().getOperation() != OperationDefinition.Operation.SUBSCRIPTION
                    || !(parameters.getEnvironment().getSource() instanceof LiveObject)) {
                return dataFetcher;
            }
            return env -> ((LiveObject) env.getSource()).get(env.getField().getResultKey());
        }
    }
}

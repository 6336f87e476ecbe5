package io.relgraph.live;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import graphql.execution.CoercedVariables;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.language.TypeName;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.SelectedField;
import io.relgraph.RelgraphConfig;
import io.quarkus.arc.Arc;
import io.relgraph.auth.TokenDeadline;
import io.relgraph.compiler.CompiledRead;
import io.relgraph.compiler.ReadCompiler;
import io.relgraph.estimate.RowEstimates;
import io.relgraph.events.ByteMessages;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.request.QueryCost;
import mutiny.zero.flow.adapters.AdaptersToReactiveStreams;

/**
 * The data fetcher of every live {@code Subscription} field: turns the subscription into the query it
 * mirrors (the same document with {@code query} for {@code subscription}), checks the row estimate a
 * query would be held to (depth, fields and authorization are checked for every WebSocket operation
 * already), compiles it with the read compiler, and joins the live query of that document and those
 * variables ({@link LiveQueries}). Made by {@link LiveSchema} outside CDI: the beans are looked up on
 * first use.
 */
final class LiveFetcher implements DataFetcher<Object> {

    private volatile ReadCompiler compiler;
    private volatile LiveQueries live;
    private volatile RowEstimates estimates;

    LiveFetcher() {
    }

    @Override
    public Object get(DataFetchingEnvironment env) {
        RelgraphConfig config = RelgraphConfig.current();
        long maxRows = config.graphql().maxRows();
        int maxPage = config.maxPageSize();
        Document query = asQuery(env);
        String operationName = env.getOperationDefinition().getName();
        QueryCost cost = QueryCost.of(env.getGraphQLSchema(), query, operationName, CoercedVariables.of(env.getVariables()),
                estimates().current(), maxPage);
        String rows = cost.rowsRefusal(maxRows, maxPage);
        if (rows != null) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, rows);
        }
        String visits = cost.visitsRefusal(config.graphql().maxRowVisits());
        if (visits != null) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, visits);
        }
        String text = AstPrinter.printAstCompact(query);
        CompiledRead read = compiler().compile(text, query, operationName);
        if (read == null) {
            throw new ApiException(ErrorCode.VALIDATION, "This selection cannot be live: it is not answered by one compiled "
                    + "statement (the read compiler is turned off: relgraph.graphql.compiler.enabled)");
        }
        String refusal = read.refusal(env.getVariables());
        if (refusal != null) {
            throw LiveQuery.refused(refusal);
        }
        LiveQueries.Key key = new LiveQueries.Key(text, operationName, env.getVariables());
        LiveQueries.Answers subscription = live().subscribe(key, read, tables(env), env.getField().getResultKey(),
                TokenDeadline.of(env.getGraphQlContext()));
        Object answers = AdaptersToReactiveStreams.publisher(subscription.results());
        // the shared answers' bytes, for relgraph's WebSocket connection (EventExecution puts them into the operation's result)
        env.getGraphQlContext().put(ByteMessages.CONTEXT_KEY, subscription.bytes());
        // a query that cannot be answered now is refused at the start, as an error of the operation
        return live().answerable(key, read).map(v -> answers).toCompletionStage();
    }

    /** The subscription's document as the query it mirrors: the operation and fragments on the root type rewritten. */
    static Document asQuery(DataFetchingEnvironment env) {
        List<Definition> definitions = new ArrayList<>();
        definitions.add(env.getOperationDefinition().transform(b -> b.operation(OperationDefinition.Operation.QUERY)));
        for (FragmentDefinition f : env.getFragmentsByName().values()) {
            definitions.add("Subscription".equals(f.getTypeCondition().getName())
                    ? f.transform(b -> b.typeCondition(TypeName.newTypeName("Query").build()))
                    : f);
        }
        return Document.newDocument().definitions(definitions).build();
    }

    private static boolean filtered(java.util.Map<String, Object> arguments) {
        return arguments.get("where") != null || arguments.get("sort") != null;
    }

    private static Set<String> tables(DataFetchingEnvironment env) {
        // a where or sort reaches across relations (employees: {some: ...}, sort by head's name): its tables are
        // not the selected types', so the live query depends on every table (a superset is harmless)
        if (filtered(env.getArguments()) || env.getSelectionSet().getFields().stream().anyMatch(f -> filtered(f.getArguments()))) {
            return Set.of(ReadTables.ALL);
        }
        Set<String> types = new LinkedHashSet<>();
        Set<String> fields = new LinkedHashSet<>();
        types.add(objectTypeName(env.getFieldType()));
        for (SelectedField f : env.getSelectionSet().getFields()) {
            String type = objectTypeName(f.getType());
            if (type != null) {
                types.add(type);
            }
            for (String parent : f.getObjectTypeNames()) {
                fields.add(parent + "." + f.getName());
            }
        }
        types.remove(null);
        return ReadTables.of(types, fields);
    }

    private static String objectTypeName(GraphQLType type) {
        return GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLObjectType o ? o.getName() : null;
    }

    private ReadCompiler compiler() {
        ReadCompiler c = compiler;
        if (c == null) {
            c = compiler = Arc.container().instance(ReadCompiler.class).get();
        }
        return c;
    }

    private RowEstimates estimates() {
        RowEstimates e = estimates;
        if (e == null) {
            e = estimates = Arc.container().instance(RowEstimates.class).get();
        }
        return e;
    }

    private LiveQueries live() {
        LiveQueries l = live;
        if (l == null) {
            l = live = Arc.container().instance(LiveQueries.class).get();
        }
        return l;
    }
}

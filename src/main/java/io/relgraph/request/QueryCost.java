package io.relgraph.request;

import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.CoercedVariables;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.relgraph.estimate.ListSizes;
import io.relgraph.estimate.RowVisits;
import io.relgraph.graphql.ErrorCode;

/**
 * What one operation, with its variables, may cost before any of it runs: its depth, the fields it
 * selects (fragments expanded, {@code @include}/{@code @skip} applied), the most objects it can
 * return, and its root fields (for authorization).
 *
 * <p>Rows are counted the way GitHub's node limit counts them, with the data's sizes where a list
 * has no {@code first}: each list may hold its {@code first} (a client can compute that from the
 * query), a {@code ...Page}'s {@code items} the page's {@code first}, and a list without
 * {@code first} the longest such list the database holds now ({@link ListSizes}: a relation's
 * largest group, a root list's rows or, where an argument narrows it, the largest group that
 * argument selects), never more than the page limit; a list's objects are multiplied by the objects
 * of every list above it, and all are summed over the document, aliases and pages included.
 *
 * <p>The walk also refuses an argument that is not of its declared scalar type: every ID of this
 * schema is a bigint key (graphql-java's ID accepts any scalar), and SmallRye's number coercing
 * accepts strings; the engines would fail to convert either, inside a field.
 *
 * @param depth the deepest field, the root fields being at depth 1
 * @param fields the fields selected
 * @param rows the most objects the answer can hold
 * @param rootFields the root fields' names
 * @param sizes the lists' sizes the rows were counted with
 * @param narrowedByVariable whether a variable's value narrowed a list's estimate (an {@code employees(name: $n)}
 *        without {@code first}, a list with a where and a variable argument): such a cost holds for this request's variables only
 * @param visits the rows the operation's {@code where}s may visit ({@link RowVisits}: each where's estimate, from PostgreSQL's
 *        statistics and the indexes that serve it, times the objects of the lists above it as {@code rows} counts them; 0 without a where)
 */
public record QueryCost(int depth, int fields, long rows, Set<String> rootFields, ListSizes sizes, boolean narrowedByVariable, long visits) {

    public static QueryCost of(GraphQLSchema schema, Document document, String operationName, CoercedVariables variables, ListSizes sizes,
            int maxPage) {
        Walk walk = new Walk(sizes, maxPage);
        QueryTraverser.newQueryTraverser().schema(schema).document(document).operationName(operationName)
                .coercedVariables(variables).build().visitPreOrder(walk);
        return new QueryCost(walk.depth, walk.fields, walk.rows, walk.roots, sizes, walk.narrowedByVariable, walk.visits);
    }

    /**
     * Why the operation is refused for the rows its wheres may visit, or null when they are within
     * {@code maxVisits}: the one wording of the limit, for a query over HTTP, a live query and an event's selection alike.
     */
    public String visitsRefusal(long maxVisits) {
        if (visits <= maxVisits) {
            return null;
        }
        return "The query's where may visit about " + (visits == Long.MAX_VALUE ? "more than 9e18" : String.format(Locale.ROOT, "%,d", visits))
                + " rows, more than " + String.format(Locale.ROOT, "%,d", maxVisits) + " (relgraph.graphql.max-row-visits; estimated"
                + " from PostgreSQL's statistics and the indexes that can serve it): anchor the where on an indexed column (an id,"
                + " a name's eq, in or startsWith, a link's extraData, a hire date's range) or give the lists above it a smaller first";
    }

    /**
     * Why the operation is refused for the objects it may return, or null when it is within {@code maxRows}:
     * the one wording of the row limit, for a query over HTTP and for a live query alike.
     */
    public String rowsRefusal(long maxRows, int maxPage) {
        if (rows <= maxRows) {
            return null;
        }
        return "The query may return up to " + (rows == Long.MAX_VALUE ? "more than 9e18" : String.format(Locale.ROOT, "%,d", rows))
                + " objects, more than " + String.format(Locale.ROOT, "%,d", maxRows)
                + " (relgraph.graphql.max-rows): give its lists a smaller first (a list without first counts the longest"
                + " such list the database holds, at most " + maxPage + ")";
    }

    private static final class Walk extends QueryVisitorStub {
        private final ListSizes sizes;
        private final int maxPage;
        private final Map<QueryVisitorFieldEnvironment, long[]> counts = new IdentityHashMap<>();
        private final Set<String> roots = new LinkedHashSet<>();
        int depth;
        int fields;
        long rows;
        long visits;
        boolean narrowedByVariable;

        Walk(ListSizes sizes, int maxPage) {
            this.sizes = sizes;
            this.maxPage = maxPage;
        }

        @Override
        public void visitField(QueryVisitorFieldEnvironment env) {
            QueryVisitorFieldEnvironment parent = env.getParentEnvironment();
            if (parent == null) {
                roots.add(env.getField().getName());
            }
            fields++;
            checkArguments(env);
            long[] parentCount = parent == null ? new long[] { 1, 1, -1 } : counts.get(parent);
            int level = (int) parentCount[1] + (parent == null ? 0 : 1);
            depth = Math.max(depth, level);
            GraphQLFieldDefinition def = env.getFieldDefinition();
            GraphQLType type = GraphQLTypeUtil.unwrapNonNull(def.getType());
            // introspection (__schema, __type) answers from the schema, not the data: its size is the schema's
            long objects = parent == null && env.getField().getName().startsWith("__") ? 0 : parentCount[0];
            long pageSize = -1; // -1: not a page; a page of first: 0 holds nothing
            Long first = first(env);
            if (type instanceof GraphQLList) {
                long each = first != null ? first : parentCount[2] >= 0 ? parentCount[2] : unpaged(env);
                objects = multiply(objects, each);
            } else if (first != null) {
                pageSize = first; // a page object: its lists hold first rows each
            } else if (def.getArgument("first") != null) {
                pageSize = maxPage;
            }
            if (GraphQLTypeUtil.unwrapAll(def.getType()) instanceof GraphQLObjectType) {
                rows = add(rows, objects);
            }
            Object where = env.getArguments().get("where");
            if (where != null && sizes.visits() != null) {
                visits = add(visits, multiply(parentCount[0], visited(env, where)));
            }
            counts.put(env, new long[] { objects, level, pageSize });
        }

        /**
         * Arguments must have their declared scalar type, whatever SmallRye's lenient coercing let
         * through (it accepts "ten" for an Int and fails later, inside the engine).
         */
        private static void checkArguments(QueryVisitorFieldEnvironment env) {
            for (GraphQLArgument argument : env.getFieldDefinition().getArguments()) {
                Object value = env.getArguments().get(argument.getName());
                if (value != null && GraphQLTypeUtil.unwrapNonNull(argument.getType()) instanceof GraphQLScalarType scalar) {
                    String problem = StrictScalars.problem(scalar.getName(), value);
                    if (problem != null) {
                        throw new RequestException(ErrorCode.VALIDATION, argument.getName() + " must be " + problem + ", got \""
                                + StrictScalars.shown(value) + "\"", List.of(env.getField().getSourceLocation()));
                    }
                }
            }
        }

        /** The rows one evaluation of the field's where visits (per parent object). */
        private long visited(QueryVisitorFieldEnvironment env, Object where) {
            GraphQLArgument argument = env.getFieldDefinition().getArgument("where");
            String whereType = argument == null ? null : GraphQLTypeUtil.unwrapAll(argument.getType()).getName();
            for (Argument a : env.getField().getArguments()) {
                if (a.getValue() instanceof VariableReference && !a.getName().equals("first")) {
                    narrowedByVariable = true; // a where in a variable, or a narrowing argument: this request's estimate only
                }
            }
            double each = sizes.visits().field(env.getFieldsContainer().getName(), env.getFieldDefinition().getName(), whereType,
                    env.getArguments());
            // whole rows; a hair below the next one is that row (1/n × n need not be exactly 1 in floating point)
            return each >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.max(0, Math.ceil(each - 1e-6));
        }

        /** A list without first: as long as the longest such list in the data (at most the page limit). */
        private long unpaged(QueryVisitorFieldEnvironment env) {
            String type = env.getFieldsContainer().getName();
            String field = env.getFieldDefinition().getName();
            for (Argument argument : env.getField().getArguments()) {
                if (argument.getValue() instanceof VariableReference && sizes.narrows(type, field, argument.getName())) {
                    narrowedByVariable = true;
                }
            }
            return sizes.rows(type, field, env.getArguments());
        }

        private static Long first(QueryVisitorFieldEnvironment env) {
            Object value = env.getArguments().get("first");
            return value instanceof Number n ? Math.max(0L, n.longValue()) : null;
        }
    }

    private static long multiply(long a, long b) {
        long r = a * b;
        return (a != 0 && (r / a != b || r < 0)) ? Long.MAX_VALUE : r;
    }

    private static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}

package io.relgraph.request;

import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.CoercedVariables;
import graphql.language.Document;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.relgraph.graphql.ErrorCode;

/**
 * What one operation, with its variables, may cost before any of it runs: its depth, the fields it
 * selects (fragments expanded, {@code @include}/{@code @skip} applied), the most objects it can
 * return, and its root fields (for authorization).
 *
 * <p>Rows are counted the way GitHub's node limit counts them: each list may hold its {@code first},
 * or the page limit when it has none (a {@code ...Page}'s {@code items} hold the page's {@code first});
 * a list's objects are multiplied by the objects of every list above it, and all are summed over the
 * document, aliases and pages included. Lists without a {@code first} argument count the page limit.
 *
 * <p>The walk also refuses an argument that is not of its declared scalar type: every ID of this
 * schema is a bigint key (graphql-java's ID accepts any scalar), and SmallRye's number coercing
 * accepts strings; the engines would fail to convert either, inside a field.
 *
 * @param depth the deepest field, the root fields being at depth 1
 * @param fields the fields selected
 * @param rows the most objects the answer can hold
 * @param rootFields the root fields' names
 */
public record QueryCost(int depth, int fields, long rows, Set<String> rootFields) {

    public static QueryCost of(GraphQLSchema schema, Document document, String operationName, CoercedVariables variables, int maxPage) {
        Walk walk = new Walk(maxPage);
        QueryTraverser.newQueryTraverser().schema(schema).document(document).operationName(operationName)
                .coercedVariables(variables).build().visitPreOrder(walk);
        return new QueryCost(walk.depth, walk.fields, walk.rows, walk.roots);
    }

    private static final class Walk extends QueryVisitorStub {
        private final int maxPage;
        private final Map<QueryVisitorFieldEnvironment, long[]> counts = new IdentityHashMap<>();
        private final Set<String> roots = new LinkedHashSet<>();
        int depth;
        int fields;
        long rows;

        Walk(int maxPage) {
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
            long objects = parentCount[0];
            long pageSize = -1; // -1: not a page; a page of first: 0 holds nothing
            Long first = first(env);
            if (type instanceof GraphQLList) {
                long each = first != null ? first : parentCount[2] >= 0 ? parentCount[2] : maxPage;
                objects = multiply(objects, each);
            } else if (first != null) {
                pageSize = first; // a page object: its lists hold first rows each
            } else if (def.getArgument("first") != null) {
                pageSize = maxPage;
            }
            if (GraphQLTypeUtil.unwrapAll(def.getType()) instanceof GraphQLObjectType) {
                rows = add(rows, objects);
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

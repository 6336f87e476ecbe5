package io.relgraph.compiler;

import java.util.List;
import java.util.Map;

import io.relgraph.model.RelationalModel;

/**
 * The plan of a query operation: a tree of nodes, one per field of the document, built once per
 * (document, operation) and cached. It holds no variable values: arguments are {@link Arg}s and
 * {@code @include}/{@code @skip} are {@link Condition}s, both resolved when a request binds its
 * variables ({@link SqlWriter}). A selection is the list of its fields in document order, fragments
 * spread in place, each with the conditions on its way; which of them count and how same-named
 * ones merge is decided at bind time, as graphql-java does.
 *
 * <p>A new capability of the read API is a new node kind: a filter over a related table, an order
 * by a related field, an aggregate per parent each render their own SQL fragment where the writer
 * asks its node for one.
 */
final class Plan {

    private Plan() {
    }

    /** An argument: a literal of the document, or a variable with the argument's default when the variable is absent. */
    sealed interface Arg {
        Object resolve(Map<String, Object> variables);
    }

    record Literal(Object value) implements Arg {
        @Override
        public Object resolve(Map<String, Object> variables) {
            return value;
        }
    }

    /**
     * A variable: its value when the request has one (null included), else its definition's default
     * (graphql-java applies it when coercing; kept here too), else the argument's default.
     */
    record Variable(String name, boolean hasDefault, Object variableDefault, Object argumentDefault) implements Arg {
        @Override
        public Object resolve(Map<String, Object> variables) {
            if (variables != null && variables.containsKey(name)) {
                return variables.get(name);
            }
            return hasDefault ? variableDefault : argumentDefault;
        }
    }

    /**
     * An input object or list written in the document ({@code where: {name: {eq: $n}}}, {@code sort: [{name: ASC}]}):
     * resolved per request into maps, lists and values as graphql-java coerces a variable of its type, the variables in it
     * read then (a field whose variable is absent is left out).
     */
    record Tree(graphql.language.Value<?> value, Map<String, Object> variableDefaults) implements Arg {
        @Override
        public Object resolve(Map<String, Object> variables) {
            return resolve(value, variables);
        }

        private Object resolve(graphql.language.Value<?> v, Map<String, Object> variables) {
            if (v instanceof graphql.language.ObjectValue o) {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                for (graphql.language.ObjectField f : o.getObjectFields()) {
                    if (f.getValue() instanceof graphql.language.VariableReference r && !present(r.getName(), variables)) {
                        continue;
                    }
                    out.put(f.getName(), resolve(f.getValue(), variables));
                }
                return out;
            }
            if (v instanceof graphql.language.ArrayValue a) {
                List<Object> out = new java.util.ArrayList<>();
                for (graphql.language.Value<?> x : a.getValues()) {
                    out.add(resolve(x, variables));
                }
                return out;
            }
            if (v instanceof graphql.language.VariableReference r) {
                if (variables != null && variables.containsKey(r.getName())) {
                    return variables.get(r.getName());
                }
                return variableDefaults.get(r.getName());
            }
            return Planner.literal(v);
        }

        private boolean present(String name, Map<String, Object> variables) {
            return (variables != null && variables.containsKey(name)) || variableDefaults.containsKey(name);
        }

        /** The variables this tree reads. */
        void variables(java.util.Set<String> out) {
            variables(value, out);
        }

        private static void variables(graphql.language.Value<?> v, java.util.Set<String> out) {
            if (v instanceof graphql.language.ObjectValue o) {
                o.getObjectFields().forEach(f -> variables(f.getValue(), out));
            } else if (v instanceof graphql.language.ArrayValue a) {
                a.getValues().forEach(x -> variables(x, out));
            } else if (v instanceof graphql.language.VariableReference r) {
                out.add(r.getName());
            }
        }
    }

    /** {@code @include(if:)} ({@code include} true) or {@code @skip(if:)}. */
    record Condition(boolean include, Arg value) {
    }

    /** One field occurrence of a selection, under its response key (alias or name). */
    record Candidate(String key, List<Condition> conditions, Node node) {
    }

    /** A field's plan. */
    sealed interface Node {
    }

    /** A column of the parent row. */
    record ColumnNode(RelationalModel.Column column) implements Node {
    }

    /** {@code __typename}: the parent's type name. */
    record TypenameNode(String type) implements Node {
    }

    /** A relation to at most one row (head, headOf, a link's ends, owner, user) of a row of {@code parent}. */
    record ToOneNode(RelationalModel.Entity parent, RelationalModel.ToOne relation, List<Candidate> selection) implements Node {
    }

    /** A relation list of a row of {@code parent}, with {@code first}/{@code after} (employees, employeeLinks, departments, departmentLinks, posts, addresses). */
    record ToManyNode(RelationalModel.Entity parent, RelationalModel.ToMany relation, Arg first, Arg after, Arg where, Arg sort,
            List<Candidate> selection) implements Node {
    }

    /**
     * An aggregate over the rows of {@code target} a where matches: at the root ({@code relation} null) or those of a
     * relation list of a row of {@code parent}.
     */
    record AggregateNode(RelationalModel.Entity parent, RelationalModel.ToMany relation, RelationalModel.Entity target, Arg where,
            List<Candidate> selection) implements Node {
    }

    /** An aggregate's {@code count}. */
    record CountNode() implements Node {
    }

    /** An aggregate's count of distinct non-null values of a column ({@code distinctExtraData}). */
    record DistinctNode(RelationalModel.Column column) implements Node {
    }

    /** An aggregate's {@code min} or {@code max}: the least or greatest value of each column selected. */
    record MinMaxNode(boolean max, List<Candidate> selection) implements Node {
    }

    /**
     * Groups of the rows of the link table {@code link} (at the root, or those of a relation list of a row of {@code parent})
     * by the keys of {@code by}, counted.
     */
    record GroupsNode(RelationalModel.Entity parent, RelationalModel.ToMany relation, RelationalModel.Entity link, Arg by, Arg where,
            Arg first, List<Candidate> selection) implements Node {
    }

    /** A group's {@code count}. */
    record GroupCountNode() implements Node {
    }

    /** A root field that reads one row by a key: {@code department(id:)}, {@code departmentByName(name:)}, ... */
    record RootRowNode(String field, String target, Map<String, Arg> arguments, List<Candidate> selection) implements Node {
    }

    /** A root list: {@code departments}, {@code employees}, {@code users}, {@code links}. */
    record RootListNode(String field, String target, Map<String, Arg> arguments, List<Candidate> selection) implements Node {
    }

    /** A root keyset page: {@code departmentPage}, {@code employeePage}, {@code userPage}, {@code linkPage}. */
    record PageNode(String field, String pageType, String target, Map<String, Arg> arguments, List<Candidate> selection) implements Node {
    }

    /** A page's {@code items}. */
    record ItemsNode(List<Candidate> selection) implements Node {
    }

    /** A page's {@code endCursor}, {@code hasNextPage} or {@code totalCount}. */
    record PageInfoNode(String field) implements Node {
    }
}

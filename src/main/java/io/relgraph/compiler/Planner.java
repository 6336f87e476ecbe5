package io.relgraph.compiler;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.ObjectValue;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import io.relgraph.model.RelationalModel;

/**
 * Builds the {@link Plan} of a query operation from its validated document, or says that the
 * compiler does not cover it ({@link NotCovered}): a mutation or subscription, an introspection
 * field other than {@code __typename}, or a field the {@link RelationalModel} does not know. A relation used
 * more than once with different arguments (aliases, or at different depths) is planned like any
 * other: each occurrence is its own node and becomes its own subquery, so the compiler answers what
 * the resolver engine's batch loaders must refuse (RelationArguments).
 */
final class Planner {

    /** The operation is left to the resolver engine. */
    static final class NotCovered extends Exception {
        NotCovered(String why) {
            super(why, null, false, false);
        }
    }

    /** The arguments of lists, pages, the read language and groups; a root field's filters are the model's ({@link #knownArguments}). */
    private static final java.util.Set<String> LIST_ARGUMENTS = java.util.Set.of("first", "after", "orderBy", "where", "sort", "by");

    private final RelationalModel model;
    /** Arguments the plan answers; a field with any other is left to the resolver engine, never answered without it. */
    private final java.util.Set<String> knownArguments;
    private final Map<String, FragmentDefinition> fragments = new HashMap<>();
    /** The operation's variables that have a default value, with it. */
    private final Map<String, Object> variableDefaults = new HashMap<>();
    private final Document document;

    private Planner(Document document, RelationalModel model) {
        this.document = document;
        this.model = model;
        this.knownArguments = new java.util.HashSet<>(LIST_ARGUMENTS);
        model.roots().values().forEach(r -> knownArguments.addAll(r.arguments().keySet()));
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof FragmentDefinition f) {
                fragments.put(f.getName(), f);
            }
        }
    }

    /** The root selection of the operation's plan. */
    static List<Plan.Candidate> plan(Document document, String operationName, RelationalModel model) throws NotCovered {
        return new Planner(document, model).operation(operationName);
    }

    private List<Plan.Candidate> operation(String operationName) throws NotCovered {
        OperationDefinition op = null;
        for (Definition<?> d : document.getDefinitions()) {
            if (d instanceof OperationDefinition o && (operationName == null || operationName.equals(o.getName()))) {
                if (op != null) {
                    throw new NotCovered("no single operation");
                }
                op = o;
            }
        }
        if (op == null || op.getOperation() != OperationDefinition.Operation.QUERY) {
            throw new NotCovered("not a query");
        }
        for (VariableDefinition v : op.getVariableDefinitions()) {
            if (v.getDefaultValue() != null) {
                variableDefaults.put(v.getName(), literal(v.getDefaultValue()));
            }
        }
        return selection("Query", op.getSelectionSet(), List.of());
    }

    private List<Plan.Candidate> selection(String type, SelectionSet set, List<Plan.Condition> outer)
            throws NotCovered {
        List<Plan.Candidate> out = new ArrayList<>();
        collect(type, set, outer, out);
        return out;
    }

    private void collect(String type, SelectionSet set, List<Plan.Condition> outer, List<Plan.Candidate> out)
            throws NotCovered {
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                out.add(new Plan.Candidate(f.getResultKey(), conditions(outer, f.getDirectives()), field(type, f)));
            } else if (s instanceof InlineFragment inline) {
                // every type of this schema is an object type: a valid type condition is the parent's own type
                collect(type, inline.getSelectionSet(), conditions(outer, inline.getDirectives()), out);
            } else if (s instanceof FragmentSpread spread) {
                FragmentDefinition fd = fragments.get(spread.getName());
                if (fd == null) {
                    throw new NotCovered("unknown fragment " + spread.getName());
                }
                collect(type, fd.getSelectionSet(), conditions(outer, spread.getDirectives()), out);
            }
        }
    }

    private Plan.Node field(String type, Field f) throws NotCovered {
        String name = f.getName();
        for (Argument a : f.getArguments()) {
            if (!knownArguments.contains(a.getName())) {
                throw new NotCovered(type + "." + name + "(" + a.getName() + ":)");
            }
        }
        if (name.equals("__typename")) {
            return new Plan.TypenameNode(type);
        }
        if (type.equals("Query")) {
            return root(f);
        }
        RelationalModel.Entity paged = model.entityOfPage(type);
        if (paged != null) {
            String pageTarget = paged.type();
            return switch (name) {
                case "items" -> new Plan.ItemsNode(selection(pageTarget, f.getSelectionSet(), List.of()));
                case "endCursor", "hasNextPage", "totalCount" -> new Plan.PageInfoNode(name);
                default -> throw new NotCovered(type + "." + name);
            };
        }
        RelationalModel.Entity entity = model.entity(type);
        if (entity == null) {
            throw new NotCovered(type);
        }
        RelationalModel.Column column = entity.columns().get(name);
        if (column != null) {
            return new Plan.ColumnNode(column);
        }
        RelationalModel.ToOne one = entity.toOne().get(name);
        if (one != null) {
            return new Plan.ToOneNode(entity, one, selection(one.target(), f.getSelectionSet(), List.of()));
        }
        RelationalModel.ToMany many = entity.toMany().get(name);
        if (many != null) {
            return new Plan.ToManyNode(entity, many, arg(f, "first", null), arg(f, "after", null), arg(f, "where", null), arg(f, "sort", null),
                    selection(many.target(), f.getSelectionSet(), List.of()));
        }
        if (name.endsWith("Aggregate")) {
            RelationalModel.ToMany aggregated = entity.toMany().get(name.substring(0, name.length() - "Aggregate".length()));
            if (aggregated != null) {
                RelationalModel.Entity target = model.entity(aggregated.target());
                return new Plan.AggregateNode(entity, aggregated, target, arg(f, "where", null), aggregate(target, f.getSelectionSet()));
            }
        }
        if (name.endsWith("Groups")) {
            RelationalModel.ToMany grouped = entity.toMany().get(name.substring(0, name.length() - "Groups".length()) + "s");
            if (grouped instanceof RelationalModel.Referencing r) {
                return groups(entity, grouped, model.entity(r.target()), f);
            }
        }
        throw new NotCovered(type + "." + name);
    }

    private Plan.Node root(Field f) throws NotCovered {
        String name = f.getName();
        RelationalModel.Root root = model.root(name);
        if (root != null && root.read() == io.relgraph.model.ApiNames.Read.GROUPS) {
            return groups(null, null, root.entity(), f);
        }
        if (root != null) {
            // a root field of the model: its arguments are its filters (the model's) and, by how it reads, the list's or page's
            String target = root.entity().type();
            boolean keyed = root.entity().primaryKey().size() == 1;
            List<Object> namesAndDefaults = new ArrayList<>();
            switch (root.read()) {
                case ROW -> root.arguments().keySet().forEach(a -> namesAndDefaults.addAll(java.util.Arrays.asList(a, null)));
                case LIST -> {
                    namesAndDefaults.addAll(java.util.Arrays.asList("first", null));
                    if (keyed) {
                        namesAndDefaults.addAll(java.util.Arrays.asList("after", null));
                    }
                    root.arguments().keySet().forEach(a -> namesAndDefaults.addAll(java.util.Arrays.asList(a, null)));
                    namesAndDefaults.addAll(java.util.Arrays.asList("where", null));
                }
                case PAGE -> {
                    namesAndDefaults.addAll(java.util.Arrays.asList("first", BigInteger.valueOf(100), "after", null));
                    root.arguments().keySet().forEach(a -> namesAndDefaults.addAll(java.util.Arrays.asList(a, null)));
                    if (keyed) {
                        namesAndDefaults.addAll(java.util.Arrays.asList("orderBy", null));
                    }
                    namesAndDefaults.addAll(java.util.Arrays.asList("where", null, "sort", null));
                }
                case GROUPS -> throw new IllegalStateException("groups are planned above");
            }
            Map<String, Plan.Arg> arguments = args(f, namesAndDefaults.toArray());
            return switch (root.read()) {
                case ROW -> new Plan.RootRowNode(name, target, arguments, selection(target, f.getSelectionSet(), List.of()));
                case LIST -> new Plan.RootListNode(name, target, arguments, selection(target, f.getSelectionSet(), List.of()));
                case PAGE -> new Plan.PageNode(name, root.pageType(), target, arguments,
                        selection(root.pageType(), f.getSelectionSet(), List.of()));
                case GROUPS -> throw new IllegalStateException("groups are planned above");
            };
        }
        if (name.endsWith("Aggregate")) {
            RelationalModel.Root list = model.root(name.substring(0, name.length() - "Aggregate".length()));
            if (list != null && list.read() == io.relgraph.model.ApiNames.Read.LIST) {
                RelationalModel.Entity target = list.entity();
                return new Plan.AggregateNode(null, null, target, arg(f, "where", null), aggregate(target, f.getSelectionSet()));
            }
        }
        throw new NotCovered("Query." + name); // __schema, __type
    }

    /** An aggregate's selection: count, distinctX (a column's distinct values), min and max over the target's columns. */
    private List<Plan.Candidate> aggregate(RelationalModel.Entity target, SelectionSet set) throws NotCovered {
        List<Plan.Candidate> out = new ArrayList<>();
        collectAggregate(target, set, List.of(), out);
        return out;
    }

    private void collectAggregate(RelationalModel.Entity target, SelectionSet set, List<Plan.Condition> outer, List<Plan.Candidate> out)
            throws NotCovered {
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                String name = f.getName();
                Plan.Node node;
                if (name.equals("__typename")) {
                    node = new Plan.TypenameNode(target.shortName() + "Aggregate");
                } else if (name.equals("count")) {
                    node = new Plan.CountNode();
                } else if (name.equals("min") || name.equals("max")) {
                    List<Plan.Candidate> columns = new ArrayList<>();
                    collectMinMax(target, f.getSelectionSet(), List.of(), columns);
                    node = new Plan.MinMaxNode(name.equals("max"), columns);
                } else if (name.startsWith("distinct") && name.length() > "distinct".length()
                        && target.columns().get(Character.toLowerCase(name.charAt(8)) + name.substring(9)) != null) {
                    node = new Plan.DistinctNode(target.columns().get(Character.toLowerCase(name.charAt(8)) + name.substring(9)));
                } else {
                    throw new NotCovered(target.shortName() + "Aggregate." + name);
                }
                out.add(new Plan.Candidate(f.getResultKey(), conditions(outer, f.getDirectives()), node));
            } else if (s instanceof InlineFragment inline) {
                collectAggregate(target, inline.getSelectionSet(), conditions(outer, inline.getDirectives()), out);
            } else if (s instanceof FragmentSpread spread) {
                FragmentDefinition fd = fragments.get(spread.getName());
                if (fd == null) {
                    throw new NotCovered("unknown fragment " + spread.getName());
                }
                collectAggregate(target, fd.getSelectionSet(), conditions(outer, spread.getDirectives()), out);
            }
        }
    }

    private void collectMinMax(RelationalModel.Entity target, SelectionSet set, List<Plan.Condition> outer, List<Plan.Candidate> out)
            throws NotCovered {
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                Plan.Node node;
                if (f.getName().equals("__typename")) {
                    node = new Plan.TypenameNode(target.shortName() + "MinMax");
                } else if (target.columns().get(f.getName()) != null) {
                    node = new Plan.ColumnNode(target.columns().get(f.getName()));
                } else {
                    throw new NotCovered(target.shortName() + "MinMax." + f.getName());
                }
                out.add(new Plan.Candidate(f.getResultKey(), conditions(outer, f.getDirectives()), node));
            } else if (s instanceof InlineFragment inline) {
                collectMinMax(target, inline.getSelectionSet(), conditions(outer, inline.getDirectives()), out);
            } else if (s instanceof FragmentSpread spread) {
                FragmentDefinition fd = fragments.get(spread.getName());
                if (fd == null) {
                    throw new NotCovered("unknown fragment " + spread.getName());
                }
                collectMinMax(target, fd.getSelectionSet(), conditions(outer, spread.getDirectives()), out);
            }
        }
    }

    /** Groups of link rows: a LinkGroup's fields are the link's columns and to-ones (null unless grouped by) and count. */
    private Plan.Node groups(RelationalModel.Entity parent, RelationalModel.ToMany relation, RelationalModel.Entity link, Field f)
            throws NotCovered {
        return new Plan.GroupsNode(parent, relation, link, arg(f, "by", null), arg(f, "where", null), arg(f, "first", BigInteger.valueOf(100)),
                groupSelection(link, f.getSelectionSet(), List.of()));
    }

    private List<Plan.Candidate> groupSelection(RelationalModel.Entity link, SelectionSet set, List<Plan.Condition> outer) throws NotCovered {
        List<Plan.Candidate> out = new ArrayList<>();
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                String name = f.getName();
                Plan.Node node;
                if (name.equals("__typename")) {
                    node = new Plan.TypenameNode(link.shortName() + "Group");
                } else if (name.equals("count")) {
                    node = new Plan.GroupCountNode();
                } else if (link.columns().get(name) != null) {
                    node = new Plan.ColumnNode(link.columns().get(name));
                } else if (link.toOne().get(name) != null) {
                    RelationalModel.ToOne one = link.toOne().get(name);
                    node = new Plan.ToOneNode(link, one, selection(one.target(), f.getSelectionSet(), List.of()));
                } else {
                    throw new NotCovered(link.shortName() + "Group." + name);
                }
                out.add(new Plan.Candidate(f.getResultKey(), conditions(outer, f.getDirectives()), node));
            } else if (s instanceof InlineFragment inline) {
                out.addAll(groupSelection(link, inline.getSelectionSet(), conditions(outer, inline.getDirectives())));
            } else if (s instanceof FragmentSpread spread) {
                FragmentDefinition fd = fragments.get(spread.getName());
                if (fd == null) {
                    throw new NotCovered("unknown fragment " + spread.getName());
                }
                out.addAll(groupSelection(link, fd.getSelectionSet(), conditions(outer, spread.getDirectives())));
            }
        }
        return out;
    }

    private Map<String, Plan.Arg> args(Field f, Object... namesAndDefaults) {
        Map<String, Plan.Arg> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndDefaults.length; i += 2) {
            String name = (String) namesAndDefaults[i];
            out.put(name, arg(f, name, namesAndDefaults[i + 1]));
        }
        return out;
    }

    private Plan.Arg arg(Field f, String name, Object argumentDefault) {
        Argument a = f.getArguments().stream().filter(x -> x.getName().equals(name)).findFirst().orElse(null);
        if (a == null) {
            return new Plan.Literal(argumentDefault);
        }
        if (a.getValue() instanceof VariableReference v) {
            return variable(v.getName(), argumentDefault);
        }
        if (a.getValue() instanceof ObjectValue || a.getValue() instanceof ArrayValue) {
            return new Plan.Tree(a.getValue(), Map.copyOf(nonNullDefaults()));
        }
        return new Plan.Literal(literal(a.getValue()));
    }

    /** The variables' defaults (a null default is a present null: kept as a marker-free entry is not possible in Map.copyOf). */
    private Map<String, Object> nonNullDefaults() {
        Map<String, Object> out = new HashMap<>();
        variableDefaults.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Plan.Variable variable(String name, Object argumentDefault) {
        return new Plan.Variable(name, variableDefaults.containsKey(name), variableDefaults.get(name), argumentDefault);
    }

    /** A literal as a variable of its type would arrive: ints as numbers, IDs and strings as text, enums by name. */
    static Object literal(Value<?> v) {
        if (v instanceof NullValue) {
            return null;
        }
        if (v instanceof IntValue i) {
            return i.getValue();
        }
        if (v instanceof StringValue s) {
            return s.getValue();
        }
        if (v instanceof BooleanValue b) {
            return b.isValue();
        }
        if (v instanceof EnumValue e) {
            return e.getName();
        }
        return v; // not a type any read argument has: the writer falls back on it
    }

    private List<Plan.Condition> conditions(List<Plan.Condition> outer, List<Directive> directives) {
        List<Plan.Condition> out = outer;
        for (Directive d : directives) {
            boolean include = d.getName().equals("include");
            if (include || d.getName().equals("skip")) {
                Argument a = d.getArgument("if");
                Plan.Arg value = a == null ? new Plan.Literal(null)
                        : a.getValue() instanceof VariableReference v ? variable(v.getName(), null)
                                : new Plan.Literal(literal(a.getValue()));
                if (out == outer) {
                    out = new ArrayList<>(outer);
                }
                out.add(new Plan.Condition(include, value));
            }
        }
        return out;
    }
}

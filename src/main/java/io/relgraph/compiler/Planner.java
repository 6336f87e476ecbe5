package io.relgraph.compiler;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.language.Argument;
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

    private static final Map<String, String> PAGE_TARGETS = Map.of("DepartmentPage", "Department", "EmployeePage", "Employee",
            "UserPage", "User", "LinkPage", "DepartmentEmployeeLink");

    private final RelationalModel model;
    private final Map<String, FragmentDefinition> fragments = new HashMap<>();
    /** The operation's variables that have a default value, with it. */
    private final Map<String, Object> variableDefaults = new HashMap<>();
    private final Document document;

    private Planner(Document document, RelationalModel model) {
        this.document = document;
        this.model = model;
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
        if (name.equals("__typename")) {
            return new Plan.TypenameNode(type);
        }
        if (type.equals("Query")) {
            return root(f);
        }
        String pageTarget = PAGE_TARGETS.get(type);
        if (pageTarget != null) {
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
            return new Plan.ToManyNode(entity, many, arg(f, "first", null), arg(f, "after", null),
                    selection(many.target(), f.getSelectionSet(), List.of()));
        }
        throw new NotCovered(type + "." + name);
    }

    private Plan.Node root(Field f) throws NotCovered {
        String name = f.getName();
        return switch (name) {
            case "department", "employee", "user", "post", "address" -> new Plan.RootRowNode(name, capitalized(name),
                    args(f, "id", null), selection(capitalized(name), f.getSelectionSet(), List.of()));
            case "departmentByName" -> new Plan.RootRowNode(name, "Department", args(f, "name", null),
                    selection("Department", f.getSelectionSet(), List.of()));
            case "departments", "users" -> new Plan.RootListNode(name, name.equals("users") ? "User" : "Department",
                    args(f, "first", null, "after", null), selection(name.equals("users") ? "User" : "Department", f.getSelectionSet(),
                            List.of()));
            case "employees" -> new Plan.RootListNode(name, "Employee", args(f, "first", null, "after", null, "name", null),
                    selection("Employee", f.getSelectionSet(), List.of()));
            case "links" -> new Plan.RootListNode(name, "DepartmentEmployeeLink",
                    args(f, "first", null, "departmentId", null, "employeeId", null, "extraData", null),
                    selection("DepartmentEmployeeLink", f.getSelectionSet(), List.of()));
            case "departmentPage", "employeePage", "userPage" -> {
                String target = capitalized(name.substring(0, name.length() - "Page".length()));
                String pageType = target + "Page";
                yield new Plan.PageNode(name, pageType, target,
                        args(f, "first", BigInteger.valueOf(100), "after", null, "name", null, "orderBy", "ID_ASC"),
                        selection(pageType, f.getSelectionSet(), List.of()));
            }
            case "linkPage" -> new Plan.PageNode(name, "LinkPage", "DepartmentEmployeeLink",
                    args(f, "first", BigInteger.valueOf(100), "after", null, "departmentId", null, "employeeId", null, "extraData", null),
                    selection("LinkPage", f.getSelectionSet(), List.of()));
            default -> throw new NotCovered("Query." + name); // __schema, __type
        };
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
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
        return new Plan.Literal(literal(a.getValue()));
    }

    private Plan.Variable variable(String name, Object argumentDefault) {
        return new Plan.Variable(name, variableDefaults.containsKey(name), variableDefaults.get(name), argumentDefault);
    }

    /** A literal as a variable of its type would arrive: ints as numbers, IDs and strings as text, enums by name. */
    private static Object literal(Value<?> v) {
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

package io.relgraph.events;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.execution.ExecutionContext;
import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import io.relgraph.compiler.CompiledRead;
import io.relgraph.compiler.ReadCompiler;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.Arguments;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.graphql.ErrorMapper;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * What one event subscription selects, made into something that answers an event once for every
 * subscriber of the same selection: the event's own fields come from the notification, and its
 * {@code link} / {@code department} reads (with everything below them) become one query the read
 * compiler answers in one statement ({@code links(departmentId, employeeId)} or {@code department(id)},
 * the sub-selections as the client wrote them, the operation's variables and fragments kept). The
 * answer is the JSON of the message's {@code data}, built once (an immutable JSON-P tree, which
 * SmallRye writes as it is), with the errors of the reads if any.
 */
final class EventSelection {

    /** The event subscriptions: root field → the event's class. */
    static final Map<String, Class<?>> EVENT_FIELDS = Map.of("linkChanged", LinkEvent.class, "departmentChanged",
            DepartmentEvent.class, "keyChanged", KeyChangeEvent.class);

    /** The fields of each event type this class answers (a field added to an event type and not here is left to the resolvers). */
    private static final Map<Class<?>, Set<String>> FIELDS = Map.of(
            LinkEvent.class, Set.of("__typename", "kind", "departmentId", "employeeId", "extraData", "link"),
            DepartmentEvent.class, Set.of("__typename", "kind", "id", "department"),
            KeyChangeEvent.class, Set.of("__typename", "entity", "oldId", "newId"));

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String DEPARTMENT_ID = "relgraphEventDepartmentId";
    private static final String EMPLOYEE_ID = "relgraphEventEmployeeId";
    private static final String ID = "relgraphEventId";

    /** One field of the event object: its response key, its name, and whether it is a read. */
    private record Entry(String key, String field, boolean read) {
    }

    private final Class<?> type;
    private final Predicate<Object> filter;
    private final String rootKey;
    private final String typeName;
    private final List<Entry> entries;
    private final CompiledRead read;
    private final Map<String, Object> variables;

    private EventSelection(Class<?> type, Predicate<Object> filter, String rootKey, String typeName, List<Entry> entries,
            CompiledRead read, Map<String, Object> variables) {
        this.type = type;
        this.filter = filter;
        this.rootKey = rootKey;
        this.typeName = typeName;
        this.entries = entries;
        this.read = read;
        this.variables = variables;
    }

    /** What a query is held to, for the query an event's reads become (the rows its wheres may visit). */
    @FunctionalInterface
    interface Limits {
        /**
         * @param variables the operation's variables with the event's keys (any: a key finds one row whatever its value)
         * @throws ApiException LIMIT_EXCEEDED
         */
        void check(graphql.schema.GraphQLSchema schema, Document query, Map<String, Object> variables);
    }

    /**
     * The selection of an event subscription, or null when it cannot be answered once for all (its
     * reads are not covered by the compiler, or the compiler is off: the resolvers answer it then, per
     * subscriber).
     *
     * @throws ApiException VALIDATION for an argument the API refuses, LIMIT_EXCEEDED for reads over a query's limits
     */
    static EventSelection of(ExecutionContext context, ReadCompiler compiler, Limits limits) {
        ExecutableNormalizedOperation operation = context.getNormalizedQueryTree().get();
        ExecutableNormalizedField root = operation.getTopLevelFields().get(0);
        Class<?> type = EVENT_FIELDS.get(root.getName());
        if (type == null) {
            return null;
        }
        Predicate<Object> filter = filter(root.getName(), root.getResolvedArguments());
        String typeName = type.getSimpleName();
        List<Entry> entries = new ArrayList<>();
        List<Selection> reads = new ArrayList<>();
        Map<String, Entry> byKey = new LinkedHashMap<>();
        for (ExecutableNormalizedField child : root.getChildren()) {
            if (byKey.containsKey(child.getResultKey())) {
                continue; // merged already
            }
            if (!FIELDS.get(type).contains(child.getName())) {
                return null;
            }
            boolean read = "link".equals(child.getName()) || "department".equals(child.getName());
            Entry entry = new Entry(child.getResultKey(), child.getName(), read);
            byKey.put(entry.key(), entry);
            entries.add(entry);
            if (read) {
                reads.add(readField(operation, child, "link".equals(child.getName())));
            }
        }
        CompiledRead compiled = null;
        if (!reads.isEmpty()) {
            OperationDefinition original = context.getOperationDefinition();
            for (VariableDefinition v : original.getVariableDefinitions()) {
                if (Set.of(DEPARTMENT_ID, EMPLOYEE_ID, ID).contains(v.getName())) {
                    return null; // the client's own variable has our name: not shared
                }
            }
            List<VariableDefinition> definitions = new ArrayList<>(original.getVariableDefinitions());
            for (String v : type == LinkEvent.class ? List.of(DEPARTMENT_ID, EMPLOYEE_ID) : List.of(ID)) {
                definitions.add(VariableDefinition.newVariableDefinition(v, NonNullType.newNonNullType(TypeName.newTypeName("ID").build())
                        .build()).build());
            }
            List<Definition> document = new ArrayList<>();
            document.add(OperationDefinition.newOperationDefinition().operation(OperationDefinition.Operation.QUERY)
                    .variableDefinitions(definitions).selectionSet(SelectionSet.newSelectionSet(reads).build()).build());
            document.addAll(context.getFragmentsByName().values());
            Document query = Document.newDocument().definitions(document).build();
            compiled = compiler.compile(AstPrinter.printAstCompact(query), query, null);
            if (compiled == null) {
                return null;
            }
            Map<String, Object> withKeys = new HashMap<>(context.getCoercedVariables().toMap());
            for (String v : List.of(DEPARTMENT_ID, EMPLOYEE_ID, ID)) {
                withKeys.put(v, "1");
            }
            limits.check(context.getGraphQLSchema(), query, withKeys);
        }
        return new EventSelection(type, filter, root.getResultKey(), typeName, List.copyOf(entries), compiled,
                context.getCoercedVariables().toMap());
    }

    /** The read of {@code link} or {@code department} as a query root field, under the same response key and with the same selection. */
    private static Field readField(ExecutableNormalizedOperation operation, ExecutableNormalizedField child, boolean link) {
        List<Selection> selections = new ArrayList<>();
        operation.getFieldToNormalizedField().forEach((field, normalized) -> {
            if (normalized == child && field.getSelectionSet() != null) {
                selections.addAll(field.getSelectionSet().getSelections());
            }
        });
        List<Argument> arguments = link
                ? List.of(new Argument("departmentId", new VariableReference(DEPARTMENT_ID)),
                        new Argument("employeeId", new VariableReference(EMPLOYEE_ID)))
                : List.of(new Argument("id", new VariableReference(ID)));
        return Field.newField(link ? "links" : "department").alias(child.getResultKey()).arguments(arguments)
                .selectionSet(SelectionSet.newSelectionSet(selections).build()).build();
    }

    private static Predicate<Object> filter(String field, Map<String, Object> arguments) {
        return switch (field) {
            case "linkChanged" -> {
                Long department = id("departmentId", arguments.get("departmentId"));
                Long employee = id("employeeId", arguments.get("employeeId"));
                yield e -> e instanceof LinkEvent l && (department == null || department.equals(l.departmentId()))
                        && (employee == null || employee.equals(l.employeeId()));
            }
            case "departmentChanged" -> {
                Long department = id("id", arguments.get("id"));
                yield e -> e instanceof DepartmentEvent d && (department == null || department.equals(d.id()));
            }
            default -> {
                Object entity = arguments.get("entity");
                KeyedEntity keyed = entity == null ? null : KeyedEntity.valueOf(entity.toString());
                yield e -> e instanceof KeyChangeEvent k && (keyed == null || keyed == k.entity());
            }
        };
    }

    private static Long id(String argument, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Arguments.id(argument, Long.valueOf(value.toString()));
        } catch (NumberFormatException e) {
            throw ApiException.validation(argument + " must be a positive integer, got " + value);
        }
    }

    Class<?> type() {
        return type;
    }

    boolean accepts(Object event) {
        return filter.test(event);
    }

    /** Whether answering an event runs a statement. */
    boolean reads() {
        return read != null;
    }

    /**
     * The message of one event, the same for every subscriber of this selection: the event's fields,
     * and its reads from one compiled statement (none when the event deleted the row, or nothing is read).
     */
    Future<ExecutionResult> answer(Object event) {
        if (read == null || deleted(event)) {
            return Future.succeededFuture(result(event, null, List.of()));
        }
        Map<String, Object> vars = new HashMap<>(variables);
        if (event instanceof LinkEvent l) {
            vars.put(DEPARTMENT_ID, Long.toString(l.departmentId()));
            vars.put(EMPLOYEE_ID, Long.toString(l.employeeId()));
        } else {
            vars.put(ID, Long.toString(((DepartmentEvent) event).id()));
        }
        return read.execute(vars).transform(r -> {
            if (r.succeeded() && r.result() != null) {
                return Future.succeededFuture(result(event, parse(r.result()), List.of()));
            }
            // the resolver's answer would be an error (a list over the page limit), or the database failed:
            // the reads are null, with the error, as a resolver's failure would have made them
            ApiException error = r.succeeded()
                    ? new ApiException(ErrorCode.LIMIT_EXCEEDED, "A list below this event holds more rows than the page limit "
                            + "(relgraph.max-page-size): give it a first")
                    : ErrorMapper.map(r.cause());
            return Future.succeededFuture(result(event, null, List.of(error)));
        });
    }

    private static boolean deleted(Object event) {
        return event instanceof LinkEvent l ? l.kind() == ChangeKind.DELETED
                : event instanceof DepartmentEvent d && d.kind() == DepartmentChangeKind.DELETED;
    }

    private static JsonObject parse(Buffer bytes) {
        try (var reader = JSON.createReader(new ByteArrayInputStream(bytes.getBytes()))) {
            return reader.readObject();
        }
    }

    private ExecutionResult result(Object event, JsonObject reads, List<GraphQLError> errors) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        for (Entry e : entries) {
            object.add(e.key(), e.read() ? readValue(reads, e.key()) : value(event, e.field()));
        }
        JsonObject data = JSON.createObjectBuilder().add(rootKey, object).build();
        return ExecutionResultImpl.newExecutionResult().data(data).errors(errors).build();
    }

    private static JsonValue readValue(JsonObject reads, String key) {
        if (reads == null) {
            return JsonValue.NULL;
        }
        JsonValue v = reads.get(key);
        if (v instanceof JsonArray links) {
            return links.isEmpty() ? JsonValue.NULL : links.get(0);
        }
        return v == null ? JsonValue.NULL : v;
    }

    /** An event's own field, as graphql-java would serialize it (an ID as a string, an enum by name). */
    private JsonValue value(Object event, String field) {
        Object v = switch (field) {
            case "__typename" -> typeName;
            case "kind" -> event instanceof LinkEvent l ? l.kind() : ((DepartmentEvent) event).kind();
            case "departmentId" -> ((LinkEvent) event).departmentId();
            case "employeeId" -> ((LinkEvent) event).employeeId();
            case "extraData" -> ((LinkEvent) event).extraData();
            case "id" -> ((DepartmentEvent) event).id();
            case "entity" -> ((KeyChangeEvent) event).entity();
            case "oldId" -> ((KeyChangeEvent) event).oldId();
            case "newId" -> ((KeyChangeEvent) event).newId();
            default -> throw new IllegalStateException("an event field relgraph does not know: " + typeName + "." + field);
        };
        if (v == null) {
            return JsonValue.NULL;
        }
        return JSON.createValue(v instanceof Enum<?> e ? e.name() : v.toString());
    }

    /** A message that ends a subscription: no data, one error. */
    static ExecutionResult error(GraphQLError error) {
        return ExecutionResultImpl.newExecutionResult().data(null).addError(error).build();
    }
}

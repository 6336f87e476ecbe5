package io.relgraph.mutation;

import java.lang.reflect.InvocationTargetException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.execution.ValuesResolver;
import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SourceLocation;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import io.relgraph.RelgraphConfig;
import io.relgraph.compiler.CompiledRead;
import io.relgraph.compiler.ReadCompiler;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.graphql.ErrorMapper;
import io.relgraph.model.ModelReader;
import io.relgraph.model.RelationalModel;
import io.relgraph.model.RelationalModel.Entity;
import io.relgraph.model.RelationalModel.Format;
import io.relgraph.replica.CommitPosition;
import io.quarkus.hibernate.reactive.panache.common.runtime.SessionOperations;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;

/**
 * Runs a mutation operation of one root field without the per-field engine (see the package comment):
 * plans are made once per (document, operation) and cached; a request only converts its arguments,
 * calls the field's method and writes the payload.
 */
@ApplicationScoped
public class MutationRunner {

    private static final Logger LOG = Logger.getLogger(MutationRunner.class);
    /** The argument types a field's method may take here (the schema's scalars); another type is left to SmallRye. */
    private static final Set<Class<?>> ARGUMENT_TYPES = Set.of(Long.class, long.class, Integer.class, int.class, String.class, Boolean.class,
            boolean.class, OffsetDateTime.class);
    private static final String PAYLOAD_OPERATION = "RelgraphPayload";
    private static final Buffer DATA_CLOSE = Buffer.buffer("}}");
    private static final Object[] NO_ARGUMENTS = {};

    /** How the payload is written. */
    private sealed interface Payload {
    }

    /** A {@code Boolean!} field: the method's value. */
    private record Value() implements Payload {
    }

    /** Only the row's own id and text columns (and {@code __typename}): read from the returned row, no statement. */
    private record Columns(List<Column> columns) implements Payload {
    }

    private record Column(String key, java.lang.reflect.Field field, Format format, String typeName) {
    }

    /**
     * One compiled read of the selection by the row's key: {@code keyVariables[i]} takes the value of
     * {@code keyFields[i]} of the returned row; a list root (a link's) answers its one element.
     */
    private record Read(CompiledRead read, List<String> keyVariables, List<java.lang.reflect.Field> keyFields, boolean list)
            implements Payload {
    }

    /** {@code open} is the response up to the field's value ({@code {"data":{"key":}), written once per plan. */
    private record Plan(MutationFields.Field method, GraphQLFieldDefinition definition, Field field, String responseKey,
            Payload payload, String open) {

        Plan(MutationFields.Field method, GraphQLFieldDefinition definition, Field field, String responseKey, Payload payload) {
            this(method, definition, field, responseKey, payload, "{\"data\":{" + Json.encode(responseKey) + ":");
        }
    }

    private record Key(String query, String operationName) {
    }

    private final MutationFields fields;
    private final ReadCompiler compiler;
    private final ModelReader model;
    private final boolean enabled;
    private final Cache<Key, Optional<Plan>> plans;

    public MutationRunner(MutationFields fields, ReadCompiler compiler, ModelReader model,
            RelgraphConfig config) {
        boolean enabled = config.graphql().compiler().enabled();
        int cacheSize = config.graphql().compiler().cacheSize();
        this.fields = fields;
        this.compiler = compiler;
        this.model = model;
        this.enabled = enabled;
        this.plans = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /**
     * Runs the mutation, or says (null) that the resolver engine must: nothing has been written then.
     * {@code position} is kept in the Vert.x context the mutation runs in, so that its write can read it
     * on its own connection ({@link CommitPosition#autocommit}); when the runner opened the transaction
     * (a payload read in it), it reads it on that transaction's connection after the commit.
     *
     * @return the whole response body ({@code data}, or {@code data: null} and the field's error), on the
     *         request's event loop
     */
    public Future<Buffer> run(String query, Document document, OperationDefinition operation, String operationName,
            GraphQLSchema schema, CoercedVariables variables, CommitPosition position) {
        if (!enabled) {
            return null;
        }
        Plan plan = plans.get(new Key(query, operationName), k -> Optional.ofNullable(plan(document, operation, schema))).orElse(null);
        if (plan == null) {
            return null;
        }
        Object[] arguments = arguments(plan, schema, variables);
        if (arguments == null) {
            LOG.debugf("Mutation %s is resolved: an argument does not convert", plan.responseKey());
            return null;
        }
        if (plan.payload() instanceof Read r && r.read().refusal(withKeys(variables.toMap(), r, null)) != null) {
            return null; // the payload's own arguments are refused: the resolver words that, before anything is written
        }
        Promise<Buffer> body = Promise.promise();
        Context caller = Vertx.currentContext();
        Runnable call = () -> {
            position.keepIn(Vertx.currentContext());
            if (plan.payload() instanceof Read r) {
                // the write and the read of its payload in one transaction: the payload sees the write and
                // nothing committed by others in between, and a payload that fails (a list over the page
                // limit) rolls the write back: the mutation applies completely or not at all. Then the commit's
                // position, on the same connection before the session gives it back (committed or rolled back)
                SessionOperations.withSession(session -> session
                        .withTransaction(tx -> invoke(plan, arguments).chain(row -> readInTransaction(plan, r, row, variables)))
                        .onItemOrFailure().call(() -> positionAfterCommit(session, position)))
                        .subscribe().with(body::complete, failure -> body.complete(error(plan, failure, position)));
                return;
            }
            invoke(plan, arguments).subscribe().with(row -> payload(plan, row, variables).onComplete(body),
                    failure -> body.complete(error(plan, failure, position)));
        };
        // Panache's sessions live in a duplicated Vert.x context marked safe (as SmallRye's handler does)
        if (caller != null && VertxContext.isDuplicatedContext(caller)) {
            VertxContextSafetyToggle.setCurrentContextSafe(true);
            call.run();
        } else {
            Context duplicate = VertxContext.createNewDuplicatedContext(caller != null ? caller : Vertx.vertx().getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(duplicate, true);
            duplicate.runOnContext(v -> call.run());
        }
        return body.future();
    }

    private static Uni<?> invoke(Plan plan, Object[] arguments) {
        try {
            return (Uni<?>) plan.method().method().invoke(plan.method().bean(), arguments);
        } catch (InvocationTargetException e) {
            return Uni.createFrom().failure(e.getCause());
        } catch (IllegalAccessException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /**
     * The payload's one statement on the transaction's own connection, after the session's pending changes
     * are flushed; a failure fails the transaction (rolled back). The body is the response as {@link #payload}
     * writes it.
     */
    private Uni<Buffer> readInTransaction(Plan plan, Read r, Object row, CoercedVariables variables) {
        return SessionOperations.getSession().chain(session -> session.flush().chain(() -> {
            if (!(session instanceof MutinySessionImpl hibernate)) {
                throw new IllegalStateException("not Hibernate Reactive's session: " + session.getClass());
            }
            ReactiveConnection connection = hibernate.getReactiveConnection();
            Context context = Vertx.currentContext();
            CompiledRead.Connection inTransaction = (sql, params) -> Future.fromCompletionStage(connection.select(sql, params), context)
                    .map(result -> (Buffer) result.next()[0]);
            Future<Buffer> json = r.read().execute(withKeys(variables.toMap(), r, row), inTransaction);
            return Uni.createFrom().completionStage(() -> json.toCompletionStage());
        })).map(json -> {
            if (json == null) {
                throw new ApiException(io.relgraph.graphql.ErrorCode.LIMIT_EXCEEDED,
                        "The mutation's result lists more rows than the page limit (relgraph.max-page-size), so nothing was written: select fewer");
            }
            Object value = new JsonObject(json).getValue("payload");
            if (r.list()) {
                JsonArray rows = (JsonArray) value;
                value = rows.isEmpty() ? null : rows.getValue(0);
            }
            if (value == null) {
                throw new IllegalStateException("the written row is not found by its key in its own transaction");
            }
            return Buffer.buffer(64).appendString(plan.open())
                    .appendString(value instanceof JsonObject o ? o.encode() : String.valueOf(value)).appendBuffer(DATA_CLOSE);
        });
    }

    /**
     * The commit position read on the session's connection, its transaction ended: a round trip after
     * the {@code COMMIT}'s (Hibernate Reactive sends the {@code COMMIT} itself, so the read cannot be
     * pipelined behind it), but no wait for a free pooled connection. Never fails.
     */
    private static Uni<Void> positionAfterCommit(Mutiny.Session session, CommitPosition position) {
        if (!(session instanceof MutinySessionImpl hibernate)) {
            return Uni.createFrom().voidItem(); // read on the pool after the answer, as for a service's own transaction
        }
        // a committed write must not become an error through its position: whatever fails here leaves only the header out
        return Uni.createFrom().completionStage(() -> {
            ReactiveConnection connection = hibernate.getReactiveConnection();
            return position.kept(Future.fromCompletionStage(connection.select(CommitPosition.STATEMENT, NO_ARGUMENTS))
                    .map(rows -> (String) rows.next()[0])).toCompletionStage();
        }).onFailure().recoverWithNull().replaceWithVoid();
    }

    private Future<Buffer> payload(Plan plan, Object row, CoercedVariables variables) {
        Buffer out = Buffer.buffer(64).appendString(plan.open());
        if (plan.payload() instanceof Value) {
            return Future.succeededFuture(out.appendString(String.valueOf(row)).appendBuffer(DATA_CLOSE));
        }
        if (plan.payload() instanceof Columns c) {
            JsonObject object = new JsonObject(new java.util.LinkedHashMap<>());
            try {
                for (Column column : c.columns()) {
                    if (column.field() == null) {
                        object.put(column.key(), column.typeName());
                    } else {
                        Object v = column.field().get(row);
                        object.put(column.key(), v == null ? null : column.format() == Format.ID ? v.toString() : v);
                    }
                }
            } catch (IllegalAccessException e) {
                return Future.succeededFuture(error(plan, e, null)); // after the commit: the position stays
            }
            return Future.succeededFuture(out.appendString(object.encode()).appendBuffer(DATA_CLOSE));
        }
        throw new IllegalStateException("a payload that needs a read is read in the write's transaction (readInTransaction)");
    }

    /** The field's error as graphql-java words it: the message, the field's location and path, the code; {@code data} null (the field is non-null). */
    /**
     * The field's error as the whole response. One field that failed committed nothing; when the database is
     * away or the pool full ({@code UNAVAILABLE}) the response does not wait for the pool again to read a position.
     */
    private static Buffer error(Plan plan, Throwable failure, CommitPosition position) {
        ApiException api = ErrorMapper.map(failure);
        if (position != null && api.code() == ErrorCode.UNAVAILABLE) {
            position.none();
        }
        JsonObject error = new JsonObject().put("message", api.getMessage());
        SourceLocation at = plan.field().getSourceLocation();
        if (at != null) {
            error.put("locations", new JsonArray().add(new JsonObject().put("line", at.getLine()).put("column", at.getColumn())));
        }
        error.put("path", new JsonArray().add(plan.responseKey()));
        error.put("extensions", new JsonObject(api.getExtensions()));
        return new JsonObject().put("errors", new JsonArray().add(error)).putNull("data").toBuffer();
    }

    private static Map<String, Object> withKeys(Map<String, Object> variables, Read read, Object row) {
        Map<String, Object> all = new HashMap<>(variables);
        for (int i = 0; i < read.keyVariables().size(); i++) {
            Object value = "1";
            if (row != null) {
                try {
                    value = String.valueOf(read.keyFields().get(i).get(row));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            all.put(read.keyVariables().get(i), value);
        }
        return all;
    }

    /** The method's arguments from the field's checked arguments, or null when one does not convert (the resolver words that). */
    private static Object[] arguments(Plan plan, GraphQLSchema schema, CoercedVariables variables) {
        Map<String, Object> values = ValuesResolver.getArgumentValues(schema.getCodeRegistry(), plan.definition().getArguments(),
                plan.field().getArguments(), variables, GraphQLContext.getDefault(), Locale.ENGLISH);
        Class<?>[] types = plan.method().method().getParameterTypes();
        Object[] out = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Object v = values.get(plan.method().arguments().get(i));
            if (v == null) {
                if (types[i].isPrimitive()) {
                    return null;
                }
                continue;
            }
            try {
                out[i] = convert(v, types[i]);
            } catch (RuntimeException e) {
                return null;
            }
            if (out[i] == null) {
                return null;
            }
        }
        return out;
    }

    private static Object convert(Object v, Class<?> type) {
        if (type == Long.class || type == long.class) {
            return v instanceof Number n ? Long.valueOf(n.longValue()) : Long.valueOf(Long.parseLong(v.toString()));
        }
        if (type == Integer.class || type == int.class) {
            return v instanceof Number n ? Integer.valueOf(n.intValue()) : null;
        }
        if (type == String.class) {
            return v.toString();
        }
        if (type == Boolean.class || type == boolean.class) {
            return v instanceof Boolean ? v : null;
        }
        if (type == OffsetDateTime.class) {
            return v instanceof OffsetDateTime ? v : OffsetDateTime.parse(v.toString());
        }
        return null;
    }

    private Plan plan(Document document, OperationDefinition operation, GraphQLSchema schema) {
        List<Selection> roots = operation.getSelectionSet().getSelections();
        if (roots.size() != 1 || !(roots.get(0) instanceof Field field) || !field.getDirectives().isEmpty()
                || field.getName().startsWith("__")) {
            return null;
        }
        MutationFields.Field method = fields.field(field.getName());
        GraphQLFieldDefinition definition = schema.getMutationType() == null ? null : schema.getMutationType().getFieldDefinition(field.getName());
        if (method == null || definition == null) {
            return null;
        }
        for (Class<?> type : method.method().getParameterTypes()) {
            if (!ARGUMENT_TYPES.contains(type)) {
                LOG.debugf("Mutation %s is resolved: an argument of type %s", field.getName(), type);
                return null;
            }
        }
        String responseKey = field.getResultKey();
        if (method.result() == Boolean.class) {
            return field.getSelectionSet() == null ? new Plan(method, definition, field, responseKey, new Value()) : null;
        }
        RelationalModel m = model.model();
        Entity entity = m.entity(((GraphQLNamedType) GraphQLTypeUtil.unwrapAll(definition.getType())).getName());
        if (entity == null || field.getSelectionSet() == null) {
            return null;
        }
        Payload payload = columns(field, entity, method.result());
        if (payload == null) {
            payload = read(document, operation, field, entity, method.result());
        }
        LOG.debugf("Mutation %s: payload %s", field.getName(), payload);
        return payload == null ? null : new Plan(method, definition, field, responseKey, payload);
    }

    /** A row class's field of this name (Panache entities' fields are public in the source; read them directly). */
    private static java.lang.reflect.Field property(Class<?> type, String name) throws NoSuchFieldException {
        java.lang.reflect.Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static boolean leaf(Field f) {
        return f.getSelectionSet() == null || f.getSelectionSet().getSelections().isEmpty();
    }

    /** The selection as the row's own id and text columns, or null when it asks for more. */
    private static Columns columns(Field field, Entity entity, Class<?> rowClass) {
        List<Column> columns = new ArrayList<>();
        Set<String> keys = new java.util.HashSet<>();
        for (Selection<?> s : field.getSelectionSet().getSelections()) {
            if (!(s instanceof Field f) || !f.getDirectives().isEmpty() || !f.getArguments().isEmpty() || !leaf(f)
                    || !keys.add(f.getResultKey())) {
                return null; // fragments, conditions, relations or a key twice: the compiler's merging rules
            }
            if (f.getName().equals("__typename")) {
                columns.add(new Column(f.getResultKey(), null, null, entity.type()));
                continue;
            }
            RelationalModel.Column column = entity.columns().get(f.getName());
            if (column == null || column.format() == Format.DATE_TIME) {
                return null; // a timestamp is written as PostgreSQL stores it (microseconds), so it is read back
            }
            try {
                columns.add(new Column(f.getResultKey(), property(rowClass, f.getName()), column.format(), null));
            } catch (NoSuchFieldException e) {
                LOG.debugf("%s has no field %s", rowClass, f.getName());
                return null;
            }
        }
        return new Columns(List.copyOf(columns));
    }

    /**
     * The selection as a query of the row by its key: the model's root field whose arguments are the key's
     * columns (a single row, or a list filtered to one: {@link RelationalModel#rootByKey}), the operation's
     * variables and fragments kept, compiled like any read. The row class's fields that hold the key are
     * named as those arguments are ({@code id}, {@code departmentId}).
     */
    private Read read(Document document, OperationDefinition operation, Field field, Entity entity, Class<?> rowClass) {
        RelationalModel.Root root = model.model().rootByKey(entity);
        if (root == null) {
            LOG.debugf("No Query field reads %s by its key %s", entity.type(), entity.primaryKey());
            return null;
        }
        List<String> keyArguments = entity.primaryKey().stream().map(root::argumentOf).toList();
        Set<String> taken = operation.getVariableDefinitions().stream().map(VariableDefinition::getName).collect(Collectors.toSet());
        List<String> keyVariables = new ArrayList<>();
        List<java.lang.reflect.Field> keyFields = new ArrayList<>();
        StringBuilder definitions = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        for (String key : keyArguments) {
            String name = "relgraphKey_" + key;
            while (taken.contains(name)) {
                name = name + "_";
            }
            keyVariables.add(name);
            try {
                keyFields.add(property(rowClass, key));
            } catch (NoSuchFieldException e) {
                return null;
            }
            definitions.append(definitions.isEmpty() ? "" : ", ").append('$').append(name).append(": ID!");
            arguments.append(arguments.isEmpty() ? "" : ", ").append(key).append(": $").append(name);
        }
        for (VariableDefinition v : operation.getVariableDefinitions()) {
            definitions.append(", ").append(AstPrinter.printAst(v));
        }
        StringBuilder text = new StringBuilder("query ").append(PAYLOAD_OPERATION).append('(').append(definitions).append(") { payload: ")
                .append(root.field()).append('(').append(arguments).append(") ").append(AstPrinter.printAst(field.getSelectionSet()))
                .append(" }");
        for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
            text.append('\n').append(AstPrinter.printAst(fragment));
        }
        String query = text.toString();
        CompiledRead read = compiler.compile(query, Parser.parse(query), PAYLOAD_OPERATION);
        if (read == null) {
            LOG.debugf("Payload not compiled: %s", query);
            return null;
        }
        return new Read(read, List.copyOf(keyVariables), List.copyOf(keyFields), root.read() == io.relgraph.model.ApiNames.Read.LIST);
    }
}

package io.relgraph.request;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.CoercedVariables;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.execution.RawVariables;
import graphql.execution.UnknownOperationException;
import graphql.execution.ValuesResolver;
import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.NodeUtil;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.schema.idl.TypeUtil;
import graphql.language.VariableDefinition;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLSchema;
import io.relgraph.RelgraphConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.relgraph.auth.Authorizer;
import io.relgraph.compiler.CompiledRead;
import io.relgraph.compiler.ReadCompiler;
import io.relgraph.estimate.ListSizes;
import io.relgraph.estimate.RowEstimates;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.relgraph.graphql.ErrorMapper;
import io.relgraph.mutation.MutationRunner;
import io.relgraph.persisted.PersistedQueries;
import io.relgraph.replica.CommitPosition;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * The entry of every {@code POST} and {@code GET /graphql}: a Vert.x route ordered before SmallRye's
 * own, so that each request is checked once, the same way, whichever engine then answers it (see the
 * package comment for the stages). A request that passes is either answered here from one compiled
 * SQL statement, or handed on ({@code next()}) to SmallRye's handler, which resolves it.
 *
 * <p>Refusals are GraphQL errors with the contract's {@code extensions.code}, no {@code data}, and the
 * document location where it helps; their HTTP status follows GraphQL over HTTP ({@link MediaTypes}):
 * 200 with {@code application/json} (4xx only for a request that is not GraphQL over HTTP at all), the
 * spec's 4xx/5xx with {@code application/graphql-response+json}.
 * Every response says which engine answered in the {@code X-Relgraph-Engine} header
 * ({@code compiled}, {@code resolver} or {@code refused}); a client (or the differential test) may
 * ask for the resolver with {@code X-Relgraph-Engine: resolver}.
 */
@ApplicationScoped
public class RequestPipeline {

    static final String ENGINE_HEADER = "X-Relgraph-Engine";
    // header names and values made once: Vert.x writes a CharSequence made by HttpHeaders.createOptimized without encoding it again
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized(MediaTypes.JSON);
    private static final CharSequence GRAPHQL_RESPONSE_JSON = HttpHeaders.createOptimized(MediaTypes.GRAPHQL_RESPONSE_JSON);
    private static final String RESPONSE_TYPE = "relgraph.response-type";
    private static final CharSequence ENGINE = HttpHeaders.createOptimized(ENGINE_HEADER);
    private static final CharSequence COMPILED = HttpHeaders.createOptimized("compiled");
    private static final Buffer DATA_OPEN = Buffer.buffer("{\"data\":");
    private static final Buffer DATA_CLOSE = Buffer.buffer("}");
    private static final Logger LOG = Logger.getLogger(RequestPipeline.class);

    private final Documents documents;
    private final PersistedQueries persisted;
    private final ReadCompiler compiler;
    private final MutationRunner mutations;
    private final Authorizer authorizer;
    private final RowEstimates estimates;
    private final Instance<GraphQLSchema> schemas;
    private final String path;
    private final long maxBodySize;
    private final int maxDepth;
    private final int maxFields;
    private final long maxRows;
    private final long maxRowVisits;
    private final int maxPage;
    private final Duration timeout;
    private final boolean introspection;
    private final Counter compiled;
    private final Counter resolved;
    private final Counter refused;
    private volatile GraphQLSchema schema;
    /** Read replicas (io.relgraph.replica): a query's server (none configured: the primary), every mutation's X-Relgraph-Lsn. */
    @jakarta.inject.Inject
    io.relgraph.replica.ReadReplicas replicas;

    public RequestPipeline(Documents documents, PersistedQueries persisted, ReadCompiler compiler, MutationRunner mutations, Authorizer authorizer,
            Instance<GraphQLSchema> schemas, MeterRegistry metrics, RowEstimates estimates, RelgraphConfig config,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath) {
        this.documents = documents;
        this.persisted = persisted;
        this.compiler = compiler;
        this.mutations = mutations;
        this.authorizer = authorizer;
        this.estimates = estimates;
        this.schemas = schemas;
        this.path = "/" + rootPath.replaceAll("^/+", "");
        this.maxBodySize = config.graphql().maxBodySize();
        this.maxDepth = config.graphql().maxDepth();
        this.maxFields = config.graphql().maxComplexity();
        this.maxRows = config.graphql().maxRows();
        this.maxRowVisits = config.graphql().maxRowVisits();
        this.maxPage = config.maxPageSize();
        this.timeout = config.graphql().timeout();
        this.introspection = config.graphql().introspection();
        this.compiled = Counter.builder("relgraph.graphql.requests").tag("path", "compiled")
                .description("GraphQL requests over HTTP by the path that answered them").register(metrics);
        this.resolved = Counter.builder("relgraph.graphql.requests").tag("path", "resolver")
                .description("GraphQL requests over HTTP by the path that answered them").register(metrics);
        this.refused = Counter.builder("relgraph.graphql.requests").tag("path", "refused")
                .description("GraphQL requests over HTTP by the path that answered them").register(metrics);
    }

    /** Ordered before SmallRye's route on the same path; its body handler skips a body already read. */
    void register(@Observes Router router) {
        router.route(HttpMethod.POST, path).order(-1_000)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodySize))
                .handler(this::handle)
                .failureHandler(this::failed);
        router.route(HttpMethod.GET, path).order(-1_000)
                .handler(ctx -> {
                    if (ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)) {
                        ctx.next(); // a subscription client opening its WebSocket: SmallRye's route
                    } else {
                        handle(ctx);
                    }
                })
                .failureHandler(this::failed);
    }

    private void handle(RoutingContext ctx) {
        try {
            MediaTypes.Response type = MediaTypes.negotiate(ctx.request().getHeader("Accept"));
            ctx.put(RESPONSE_TYPE, type);
            boolean get = ctx.request().method() == HttpMethod.GET;
            GraphQLRequest sent = get ? RequestBodies.read(ctx.queryParams())
                    : RequestBodies.read(ctx.request().getHeader("Content-Type"), ctx.body().buffer());
            GraphQLRequest request = sent.withQuery(persisted.document(sent.query(), sent.persistedHash()));
            GraphQLSchema schema = schema();
            CheckedDocument checked = documents.check(request.query(), schema);
            OperationDefinition operation = operation(checked, request.operationName());
            if (get && operation.getOperation() != OperationDefinition.Operation.QUERY) {
                // GraphQL over HTTP: GET is safe, so it never changes anything (a link or an image could send it)
                ctx.response().putHeader("Allow", "POST");
                throw RequestException.malformed(405, ErrorCode.VALIDATION, "GET runs queries only: send a "
                        + operation.getOperation().name().toLowerCase(Locale.ROOT) + " as POST");
            }
            CoercedVariables variables = coerce(schema, operation, request.variables());
            for (String condition : checked.conditionVariables()) {
                if (variables.containsKey(condition) && variables.get(condition) == null) {
                    throw new RequestException(ErrorCode.VALIDATION, "Variable $" + condition
                            + " decides an @include or @skip and must not be null", null);
                }
            }
            QueryCost cost = cost(schema, checked, operation, request.operationName(), variables);
            limit(cost);
            if (!introspection && (cost.rootFields().contains("__schema") || cost.rootFields().contains("__type"))) {
                throw new RequestException(ErrorCode.FORBIDDEN, "Introspection is turned off on this server (relgraph.graphql.introspection)", null);
            }
            if (operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
                throw new RequestException(ErrorCode.VALIDATION,
                        "Subscriptions are served over WebSocket at " + path + " (graphql-transport-ws), not over POST", null);
            }
            authorizer.authorize(ctx.request().getHeader("Authorization"), operation.getOperation(), cost.rootFields());
            io.relgraph.replica.ReadRoute route = replicas.route(ctx, operation.getOperation()); // io.relgraph.replica: null without replicas
            if (operation.getOperation() == OperationDefinition.Operation.MUTATION && !resolverAsked(ctx)) {
                // the response names the commit's position (X-Relgraph-Lsn) for read-your-writes: read by the write where it can
                CommitPosition position = new CommitPosition();
                Future<Buffer> body = mutations.run(request.query(), checked.document(), operation, request.operationName(), schema, variables,
                        position);
                if (body != null) {
                    respond(ctx, body.compose(b -> replicas.commitPosition(ctx.response(), position).map(b)));
                    return;
                }
            }
            CompiledRead read = operation.getOperation() == OperationDefinition.Operation.QUERY && !resolverAsked(ctx)
                    ? compiler.compile(request.query(), checked.document(), request.operationName())
                    : null;
            if (read == null) {
                resolve(ctx, sent, request, checked.document(), operation);
                return;
            }
            answer(ctx, sent, request, checked.document(), operation, replicas.execute(read, variables.toMap(), route));
        } catch (RuntimeException e) {
            refuse(ctx, e);
        }
    }

    /**
     * Writes a compiled read's answer: PostgreSQL's text as it came, inside {@code {"data":...}}. The
     * database bounds its own part ({@code statement_timeout}, the pool's wait); the timer is for what it
     * cannot see, such as a connection that stopped answering.
     */
    private void answer(RoutingContext ctx, GraphQLRequest sent, GraphQLRequest request, Document document, OperationDefinition operation, Future<Buffer> data) {
        long timer = data.isComplete() ? -1 : ctx.vertx().setTimer(timeout.toMillis(), id -> refuse(ctx, new ApiException(
                ErrorCode.TIMEOUT, "The request took longer than " + timeout.toSeconds() + " s (relgraph.graphql.timeout) and was cancelled")));
        data.onComplete(result -> {
            if (timer >= 0) {
                ctx.vertx().cancelTimer(timer);
            }
            if (ctx.response().ended()) {
                return; // timed out
            }
            if (result.failed()) {
                refuse(ctx, result.cause());
            } else if (result.result() == null) {
                resolve(ctx, sent, request, document, operation);
            } else {
                compiled.increment();
                Buffer json = result.result();
                ctx.response().putHeader(CONTENT_TYPE, responseType(ctx) == MediaTypes.Response.JSON ? APPLICATION_JSON : GRAPHQL_RESPONSE_JSON)
                        .putHeader(ENGINE, COMPILED)
                        .end(Buffer.buffer(json.length() + 9).appendBuffer(DATA_OPEN).appendBuffer(json).appendBuffer(DATA_CLOSE));
            }
        });
    }

    /**
     * Writes a mutation's whole response ({@code data}, or the field's error and {@code data: null}; 200 either
     * way: GraphQL over HTTP keeps 2xx when {@code data} is present). Unlike a read it is never handed on: the
     * write has happened.
     */
    private void respond(RoutingContext ctx, Future<Buffer> body) {
        body.onComplete(result -> {
            if (ctx.response().ended()) {
                return;
            }
            if (result.failed()) {
                refuse(ctx, result.cause());
            } else {
                compiled.increment();
                ctx.response().putHeader(CONTENT_TYPE, responseType(ctx) == MediaTypes.Response.JSON ? APPLICATION_JSON : GRAPHQL_RESPONSE_JSON)
                        .putHeader(ENGINE, COMPILED).end(result.result());
            }
        });
    }

    private static boolean resolverAsked(RoutingContext ctx) {
        return "resolver".equalsIgnoreCase(ctx.request().getHeader(ENGINE_HEADER));
    }

    /**
     * Hands a request that passed every check to SmallRye's handler, naming what was checked. SmallRye reads
     * the request again, so it is given exactly what was checked: the document a persisted query's hash
     * stood for, and a GET's parameters as SmallRye decodes them.
     */
    private void resolve(RoutingContext ctx, GraphQLRequest sent, GraphQLRequest request, Document document, OperationDefinition operation) {
        resolved.increment();
        if (request.viaGet()) {
            // SmallRye's GET reads the operation name from the query parameter (3.33): it is given a document of
            // the chosen operation alone (and its fragments), which needs no name
            String query = request.query();
            if (request.operationName() != null && document.getDefinitionsOfType(OperationDefinition.class).size() > 1) {
                query = AstPrinter.printAst(document.transform(d -> d.definitions(document.getDefinitions().stream()
                        .filter(def -> def == operation || !(def instanceof OperationDefinition)).toList())));
            }
            request = new GraphQLRequest(query, null, request.variables(), null, true);
            MultiMap params = ctx.queryParams();
            params.clear();
            // SmallRye URL-decodes what Vert.x decoded already: encode once more so that it reads the same text
            params.set("query", URLEncoder.encode(query, StandardCharsets.UTF_8));
            if (!request.variables().isEmpty()) {
                params.set("variables", URLEncoder.encode(new JsonObject(request.variables()).encode(), StandardCharsets.UTF_8));
            }
        } else {
            if (sent.query() == null) {
                JsonObject body = new JsonObject().put("query", request.query()).put("variables", new JsonObject(request.variables()));
                if (request.operationName() != null) {
                    body.put("operationName", request.operationName());
                }
                ((RoutingContextInternal) ctx).setBody(body.toBuffer());
            }
        }
        CheckedRequest.mark(request.query(), request.operationName());
        ctx.response().putHeader(ENGINE_HEADER, "resolver");
        ctx.next();
    }

    private static MediaTypes.Response responseType(RoutingContext ctx) {
        MediaTypes.Response type = ctx.get(RESPONSE_TYPE);
        return type == null ? MediaTypes.Response.JSON : type;
    }

    private GraphQLSchema schema() {
        GraphQLSchema s = schema;
        if (s == null) {
            s = schema = schemas.get();
        }
        return s;
    }

    private static OperationDefinition operation(CheckedDocument checked, String name) {
        try {
            return NodeUtil.getOperation(checked.document(), name).operationDefinition;
        } catch (UnknownOperationException e) {
            throw new RequestException(ErrorCode.VALIDATION, e.getMessage(), null);
        }
    }

    private static CoercedVariables coerce(GraphQLSchema schema, OperationDefinition operation, Map<String, Object> raw) {
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            String problem = StrictScalars.problem(TypeUtil.unwrapAll(definition.getType()).getName(), raw.get(definition.getName()));
            if (problem != null) {
                throw new RequestException(ErrorCode.VALIDATION, "Variable $" + definition.getName() + " must be " + problem
                        + ", got \"" + StrictScalars.shown(raw.get(definition.getName())) + "\"", List.of(definition.getSourceLocation()));
            }
        }
        try {
            return ValuesResolver.coerceVariableValues(schema, operation.getVariableDefinitions(), RawVariables.of(raw),
                    GraphQLContext.getDefault(), Locale.ENGLISH);
        } catch (CoercingParseValueException | NonNullableValueCoercedAsNullException e) {
            throw new RequestException(ErrorCode.VALIDATION, e.getMessage(), ((GraphQLError) e).getLocations());
        } catch (RuntimeException e) {
            if (e instanceof GraphQLError g) {
                throw new RequestException(ErrorCode.VALIDATION, e.getMessage(), g.getLocations());
            }
            throw e;
        }
    }

    /**
     * The operation's cost; computed once per document and operation (and per measure of the lists'
     * sizes) when no variable decides it (the values of other variables were checked against their
     * declared types already).
     */
    private QueryCost cost(GraphQLSchema schema, CheckedDocument checked, OperationDefinition operation, String name,
            CoercedVariables variables) {
        ListSizes sizes = estimates.current();
        for (VariableDefinition v : operation.getVariableDefinitions()) {
            if (checked.costVariables().contains(v.getName())) {
                return QueryCost.of(schema, checked.document(), name, variables, sizes, maxPage);
            }
        }
        String key = name == null ? "" : name;
        QueryCost cached = checked.fixedCosts().get(key);
        if (cached != null && cached.sizes() == sizes) {
            return cached;
        }
        QueryCost cost = QueryCost.of(schema, checked.document(), name, variables, sizes, maxPage);
        if (!cost.narrowedByVariable()) {
            checked.fixedCosts().put(key, cost);
        }
        return cost;
    }

    private void limit(QueryCost cost) {
        if (cost.depth() > maxDepth) {
            throw new RequestException(ErrorCode.LIMIT_EXCEEDED, "The query is " + cost.depth() + " levels deep, more than "
                    + maxDepth + " (relgraph.graphql.max-depth)", null);
        }
        if (cost.fields() > maxFields) {
            throw new RequestException(ErrorCode.LIMIT_EXCEEDED, "The query selects " + cost.fields() + " fields, more than "
                    + maxFields + " (relgraph.graphql.max-complexity)", null);
        }
        String rows = cost.rowsRefusal(maxRows, maxPage);
        if (rows != null) {
            throw new RequestException(ErrorCode.LIMIT_EXCEEDED, rows, null);
        }
        String visits = cost.visitsRefusal(maxRowVisits);
        if (visits != null) {
            throw new RequestException(ErrorCode.LIMIT_EXCEEDED, visits, null);
        }
    }

    /** A body over the limit fails the route in the body handler (413); everything else that escapes is a bug. */
    private void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            refuse(ctx, RequestBodies.tooLarge(maxBodySize));
        } else {
            refuse(ctx, ctx.failure() != null ? ctx.failure() : new IllegalStateException("request failed with " + ctx.statusCode()));
        }
    }

    private void refuse(RoutingContext ctx, Throwable failure) {
        if (ctx.response().ended()) {
            return;
        }
        List<RequestException.Error> errors;
        if (failure instanceof RequestException r) {
            errors = r.errors();
            write(ctx, errors, null, r.httpStatus());
        } else {
            ApiException api = ErrorMapper.map(failure);
            errors = List.of(new RequestException.Error(api.code(), api.getMessage(), List.of()));
            write(ctx, errors, (String) api.getExtensions().get("correlationId"), 0);
        }
    }

    private void write(RoutingContext ctx, List<RequestException.Error> errors, String correlationId, int malformedStatus) {
        refused.increment();
        JsonArray out = new JsonArray();
        for (RequestException.Error e : errors) {
            JsonObject error = new JsonObject().put("message", e.message());
            if (e.locations() != null && !e.locations().isEmpty()) {
                JsonArray locations = new JsonArray();
                for (SourceLocation l : e.locations()) {
                    if (l != null) {
                        locations.add(new JsonObject().put("line", l.getLine()).put("column", l.getColumn()));
                    }
                }
                if (!locations.isEmpty()) {
                    error.put("locations", locations);
                }
            }
            JsonObject extensions = new JsonObject().put("code", e.code().name());
            if (correlationId != null) {
                extensions.put("correlationId", correlationId);
            }
            error.put("extensions", extensions);
            out.add(error);
        }
        MediaTypes.Response type = responseType(ctx);
        ctx.response().setStatusCode(MediaTypes.status(type, malformedStatus, errors.get(0).code()))
                .putHeader("Content-Type", type.contentType).putHeader(ENGINE_HEADER, "refused")
                .end(new JsonObject().put("errors", out).encode());
    }
}

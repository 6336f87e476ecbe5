package io.relgraph;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.relgraph.events.Metrics;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * The tests' GraphQL-over-WebSocket client: graphql-transport-ws (the protocol of the graphql-ws
 * library, Apollo and GraphiQL) over the JDK's WebSocket, as a browser would use it: no headers on the
 * upgrade, the token in the connection_init payload; then subscribe / next / error / complete per
 * operation id, answering pings. Any operation runs over it: {@link #execute} for one result (a query,
 * a mutation, a refused subscription), {@link #subscribe} for a stream.
 */
public final class GraphQLWebSocket implements AutoCloseable {

    /** How long a test waits for a message that must come: generous, it only bounds a failing test. */
    public static final Duration WAIT = Duration.ofSeconds(15);

    private final WebSocket socket;
    private final CompletableFuture<JsonObject> ack = new CompletableFuture<>();
    private final Map<String, BlockingQueue<JsonObject>> operations = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private final int port;

    private GraphQLWebSocket(int port, String authorization) throws Exception {
        this.port = port;
        URI uri = URI.create("ws://localhost:" + port + "/graphql");
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .buildAsync(uri, new Listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (!"graphql-transport-ws".equals(socket.getSubprotocol())) {
            throw new AssertionError("the server chose subprotocol " + socket.getSubprotocol());
        }
        JsonObject payload = authorization == null ? new JsonObject() : new JsonObject().put("Authorization", authorization);
        send(new JsonObject().put("type", "connection_init").put("payload", payload));
        ack.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Connects to the application under test (the port RestAssured is pointed at). */
    public static GraphQLWebSocket connect() throws Exception {
        return connect(RestAssured.port);
    }

    public static GraphQLWebSocket connect(int port) throws Exception {
        return new GraphQLWebSocket(port, null);
    }

    /** Connects with this Authorization value in the connection_init payload ({@code "Bearer ..."}). */
    public static GraphQLWebSocket connect(String authorization) throws Exception {
        return new GraphQLWebSocket(RestAssured.port, authorization);
    }

    /** Connects to this {@code /graphql} endpoint (its http URL, as {@code @TestHTTPResource} gives it), with an Authorization value or none. */
    public static GraphQLWebSocket connect(URL graphqlEndpoint, String authorization) throws Exception {
        return new GraphQLWebSocket(graphqlEndpoint.getPort(), authorization);
    }

    /**
     * Runs an operation and returns its first result ({@code {data, errors}}); an {@code error} message
     * (a refused operation) is returned as {@code {errors: [...]}}.
     */
    public JsonPath execute(String document, Object... variables) throws Exception {
        return subscribeNow(document, variables).result();
    }

    /**
     * Starts a subscription and returns once the server has it (its subscriptions counter moved), so a
     * change made next is delivered; its messages (next, error, complete) queue up in the handle.
     */
    public Subscription subscribe(String document, Object... variables) throws Exception {
        long listening = System.nanoTime() + WAIT.toNanos();
        while (Metrics.value(port, "relgraph_events_listening") < 1 && System.nanoTime() < listening) {
            Thread.sleep(20); // the instance has just started: its LISTEN connection is being opened
        }
        double before = subscriptionsStarted(port);
        Subscription s = subscribeNow(document, variables);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (subscriptionsStarted(port) <= before) {
            if (System.nanoTime() > deadline || s.pending() > 0) {
                break; // an early error or complete: the test reads it
            }
            Thread.sleep(20);
        }
        return s;
    }

    /** The server's count of subscriptions started so far (Prometheus, /q/metrics). */
    public static double subscriptionsStarted(int port) throws Exception {
        return Metrics.value(port, "relgraph_events_subscriptions_total");
    }

    /** Sends the subscribe message without waiting for the server to act on it. */
    public Subscription subscribeNow(String document, Object... variables) {
        JsonObject vars = new JsonObject();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        String id = Integer.toString(ids.incrementAndGet());
        BlockingQueue<JsonObject> queue = new LinkedBlockingQueue<>();
        operations.put(id, queue);
        send(new JsonObject().put("id", id).put("type", "subscribe")
                .put("payload", new JsonObject().put("query", document).put("variables", vars)));
        return new Subscription(id, queue);
    }

    private synchronized void send(JsonObject message) {
        socket.sendText(message.encode(), true).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
        socket.abort();
    }

    public final class Subscription {
        private final String id;
        private final BlockingQueue<JsonObject> messages;

        private Subscription(String id, BlockingQueue<JsonObject> messages) {
            this.id = id;
            this.messages = messages;
        }

        /** The next message of this operation (type next, error or complete); fails after {@link #WAIT}. */
        public JsonObject message() throws InterruptedException {
            JsonObject m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new AssertionError("no message for subscription " + id + " within " + WAIT);
            }
            return m;
        }

        /**
         * The next result of this operation: a 'next' message's payload ({@code {data, errors}}), or an
         * 'error' message's errors as {@code {errors: [...]}}; fails on anything else.
         */
        public JsonPath result() throws InterruptedException {
            JsonObject m = message();
            return switch (m.getString("type")) {
                case "next" -> JsonPath.from(m.getJsonObject("payload").encode());
                case "error" -> JsonPath.from(new JsonObject().put("errors", m.getValue("payload")).encode());
                default -> throw new AssertionError("expected a result, got " + m.encode());
            };
        }

        /** The data of the next message, which must be a 'next' without errors. */
        public JsonObject next() throws InterruptedException {
            JsonObject m = message();
            if (!"next".equals(m.getString("type")) || m.getJsonObject("payload").containsKey("errors")) {
                throw new AssertionError("expected an event, got " + m.encode());
            }
            return m.getJsonObject("payload").getJsonObject("data");
        }

        /** The next message if one is already there, else null (does not wait). */
        public JsonObject poll() {
            return messages.poll();
        }

        /** Messages that arrived and were not read yet. */
        public int pending() {
            return messages.size();
        }

        public void complete() {
            send(new JsonObject().put("id", id).put("type", "complete"));
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonObject m = new JsonObject(text.toString());
                text.setLength(0);
                switch (m.getString("type")) {
                    case "connection_ack" -> ack.complete(m);
                    case "ping" -> send(new JsonObject().put("type", "pong"));
                    case "pong" -> {
                    }
                    default -> {
                        BlockingQueue<JsonObject> queue = operations.get(m.getString("id"));
                        if (queue != null) {
                            queue.add(m);
                        }
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            // every operation still waiting learns it at once, not after WAIT
            operations.values().forEach(q -> q.add(new JsonObject().put("type", "closed").put("code", statusCode).put("reason", reason)));
            ack.completeExceptionally(new AssertionError("closed by the server: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
            ack.completeExceptionally(error);
        }
    }
}

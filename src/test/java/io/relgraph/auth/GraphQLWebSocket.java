package io.relgraph.auth;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import io.restassured.path.json.JsonPath;

/**
 * A minimal graphql-transport-ws client (the protocol of graphql-ws, Apollo and GraphiQL), as a
 * browser would use it: no headers on the upgrade, the token in the connection_init payload.
 */
final class GraphQLWebSocket implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final WebSocket socket;
    private volatile String closed;

    private GraphQLWebSocket(URI uri) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                        closed = status + " " + reason;
                        messages.add("{\"type\":\"closed\"}");
                        return null;
                    }
                }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Connects to the {@code /graphql} endpoint (its http URL) and completes the handshake. */
    static GraphQLWebSocket connect(URL graphqlEndpoint, String authorization) throws Exception {
        GraphQLWebSocket ws = new GraphQLWebSocket(URI.create(graphqlEndpoint.toString().replaceFirst("^http", "ws")));
        JsonObjectBuilder payload = Json.createObjectBuilder();
        if (authorization != null) {
            payload.add("Authorization", authorization);
        }
        ws.send(Json.createObjectBuilder().add("type", "connection_init").add("payload", payload).build().toString());
        JsonPath ack = ws.next();
        if (!"connection_ack".equals(ack.getString("type"))) {
            throw new AssertionError("No connection_ack: " + ack.prettify() + " (closed: " + ws.closed + ")");
        }
        return ws;
    }

    /**
     * Runs an operation and returns its first result ({@code {data, errors}}); an {@code error} message
     * is returned as {@code {errors: [...]}}.
     */
    JsonPath execute(String document) throws Exception {
        return result(start(document));
    }

    /** Sends an operation (a subscription, say) without waiting; returns its id for {@link #result(String)}. */
    String start(String document) throws Exception {
        String id = Integer.toString(ids.incrementAndGet());
        send(Json.createObjectBuilder().add("id", id).add("type", "subscribe")
                .add("payload", Json.createObjectBuilder().add("query", document)).build().toString());
        return id;
    }

    /** The operation's next result (an event of a subscription), or its error as {@code {errors: [...]}}. */
    JsonPath result(String id) throws Exception {
        while (true) {
            JsonObject m = nextObject();
            String type = m.getString("type");
            if ("closed".equals(type)) {
                throw new AssertionError("The server closed the connection: " + closed);
            }
            if (id.equals(m.getString("id", null))) {
                if ("next".equals(type)) {
                    return JsonPath.from(m.get("payload").toString());
                }
                if ("error".equals(type)) {
                    return JsonPath.from("{\"errors\":" + m.get("payload") + "}");
                }
            }
        }
    }

    private JsonPath next() throws InterruptedException {
        return JsonPath.from(nextObject().toString());
    }

    private JsonObject nextObject() throws InterruptedException {
        String m = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("No message from the server within " + WAIT.toSeconds() + " s");
        }
        return Json.createReader(new StringReader(m)).readObject();
    }

    private void send(String text) throws Exception {
        socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}

package io.relgraph.events;

import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.departmentName;
import static io.relgraph.events.Fixtures.employee;
import static io.relgraph.events.Fixtures.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQLWebSocket;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/**
 * The older {@code graphql-ws} subprotocol (subscriptions-transport-ws: start / data / stop), which
 * SmallRye's handler still serves, takes the shared answers through its own path (a Mutiny pipeline
 * per subscriber, each message rendered by SmallRye): a shared event subscription and a live query
 * answer there as they do over graphql-transport-ws.
 */
@QuarkusTest
class OlderGraphqlWsProtocolTest {

    @Test
    void anEventAndALiveQueryAnswerOverTheOlderProtocol() throws Exception {
        long it = department("Older");
        long john = employee("John");
        BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-ws")
                .buildAsync(URI.create("ws://localhost:" + RestAssured.port + "/graphql"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            messages.add(new JsonObject(text.toString()));
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(GraphQLWebSocket.WAIT.toSeconds(), TimeUnit.SECONDS);
        try {
            assertEquals("graphql-ws", socket.getSubprotocol());
            send(socket, new JsonObject().put("type", "connection_init").put("payload", new JsonObject()));
            assertEquals("connection_ack", next(messages, null).getString("type"));

            double started = GraphQLWebSocket.subscriptionsStarted(RestAssured.port);
            send(socket, new JsonObject().put("id", "e").put("type", "start").put("payload", new JsonObject()
                    .put("query", "subscription($d: ID) { linkChanged(departmentId: $d) { kind extraData } }")
                    .put("variables", new JsonObject().put("d", Long.toString(it)))));
            long deadline = System.nanoTime() + GraphQLWebSocket.WAIT.toNanos();
            while (GraphQLWebSocket.subscriptionsStarted(RestAssured.port) <= started && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            send(socket, new JsonObject().put("id", "l").put("type", "start").put("payload", new JsonObject()
                    .put("query", "subscription($id: ID!) { department(id: $id) { name } }")
                    .put("variables", new JsonObject().put("id", Long.toString(it)))));
            assertEquals(new JsonObject().put("department", new JsonObject().put("name", departmentName(it))),
                    next(messages, "l").getJsonObject("payload").getJsonObject("data"), "the live query's first answer");

            link(it, john, "older");
            assertEquals(new JsonObject().put("linkChanged", new JsonObject().put("kind", "CREATED").put("extraData", "older")),
                    next(messages, "e").getJsonObject("payload").getJsonObject("data"), "the shared event");
            Database.update("update department set name = name || '-renamed' where id = ?", it);
            assertEquals(new JsonObject().put("department", new JsonObject().put("name", departmentName(it))),
                    next(messages, "l").getJsonObject("payload").getJsonObject("data"), "the live query's pushed answer");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
        assertEquals("older", Database.value("select extra_data from department_employee_link where department_id = ?", it));
    }

    private static void send(WebSocket socket, JsonObject message) {
        socket.sendText(message.encode(), true).join();
    }

    /** The next message of this operation (or the next message of any, for null), skipping keep-alives. */
    private static JsonObject next(BlockingQueue<JsonObject> messages, String id) throws InterruptedException {
        long deadline = System.nanoTime() + GraphQLWebSocket.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject m = messages.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && !"ka".equals(m.getString("type")) && (id == null || id.equals(m.getString("id")))) {
                return m;
            }
        }
        assertNotNull(null, "no message for " + id);
        return null;
    }
}

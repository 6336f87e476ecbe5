package io.relgraph.events;

import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.employee;
import static io.relgraph.events.Fixtures.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.relgraph.Database;
import io.relgraph.GraphQLWebSocket;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/**
 * A subscriber that stops reading holds up nobody and costs bounded memory: while another subscriber
 * receives every event, the stalled one is ended with LIMIT_EXCEEDED once it is more than
 * relgraph.events.subscriber-buffer events behind, which it reads when it reads again.
 */
@QuarkusTest
class SlowSubscriberTest {

    /** Far more than the buffer (1000) plus what the socket buffers can hold (~4 MB at ~330 bytes an event). */
    private static final int EVENTS = 20_000;
    /** Committed in transactions of this many, each read by the fast subscriber before the next. */
    private static final int BATCH = 250;

    @Test
    void aSubscriberThatStopsReadingIsEndedWithoutHoldingUpTheOthers() throws Exception {
        long it = department("Busy");
        long john = employee("John");
        link(it, john, "0");
        String document = "subscription($d: ID) { linkChanged(departmentId: $d) { kind extraData } }";
        double overflowsBefore = metric("relgraph_events_overflows_total");
        try (GraphQLWebSocket fast = GraphQLWebSocket.connect(); Socket slow = new Socket()) {
            var fastSubscription = fast.subscribe(document, "d", Long.toString(it));
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("localhost", RestAssured.port));
            slow.setSoTimeout((int) GraphQLWebSocket.WAIT.toMillis());
            subscribeWithoutReading(slow, document, it);

            for (int from = 1; from <= EVENTS; from += BATCH) {
                Database.update("do $$ begin for i in " + from + ".." + (from + BATCH - 1) + " loop update department_employee_link "
                        + "set extra_data = i || ':' || repeat('x', 240) where department_id = " + it + " and employee_id = " + john + "; end loop; end $$");
                for (int i = from; i < from + BATCH; i++) {
                    assertEquals(new JsonObject().put("kind", "UPDATED").put("extraData", i + ":" + "x".repeat(240)),
                            fastSubscription.next().getJsonObject("linkChanged"));
                }
            }
            long deadline = System.nanoTime() + GraphQLWebSocket.WAIT.toNanos();
            while (metric("relgraph_events_overflows_total") <= overflowsBefore) {
                assertTrue(System.nanoTime() < deadline, "the stalled subscriber was not ended");
                Thread.sleep(50);
            }
            String received = readUntil(slow.getInputStream(), "\"type\":\"complete\"");
            assertTrue(received.contains("\"code\":\"LIMIT_EXCEEDED\""), "no LIMIT_EXCEEDED in what the slow subscriber read");
            assertTrue(received.contains("events behind"), "the message says why");
        }
        assertEquals(EVENTS + ":" + "x".repeat(240), Database.value("select extra_data from department_employee_link where department_id = ?", it));
    }

    /** A WebSocket handshake and two frames by hand, so that this client's receive buffer is tiny. */
    private static void subscribeWithoutReading(Socket socket, String document, long department) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /graphql HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        readUntil(in, "\r\n\r\n");
        double started = GraphQLWebSocket.subscriptionsStarted(RestAssured.port);
        sendText(out, new JsonObject().put("type", "connection_init").encode());
        readUntil(in, "connection_ack");
        sendText(out, new JsonObject().put("id", "1").put("type", "subscribe").put("payload", new JsonObject()
                .put("query", document).put("variables", new JsonObject().put("d", Long.toString(department)))).encode());
        long deadline = System.nanoTime() + GraphQLWebSocket.WAIT.toNanos();
        while (GraphQLWebSocket.subscriptionsStarted(RestAssured.port) <= started) {
            assertTrue(System.nanoTime() < deadline, "the slow subscription did not start");
            Thread.sleep(20);
        }
    }

    private static void sendText(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81); // FIN, text
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = { 1, 2, 3, 4 };
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads (frames and all, as text) until the marker has been seen. */
    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        while (!seen.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("never read " + marker);
            }
            if (n < 0) {
                throw new AssertionError("connection closed before " + marker);
            }
            seen.write(chunk, 0, n);
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    private static double metric(String name) throws Exception {
        return Metrics.value(RestAssured.port, name);
    }
}

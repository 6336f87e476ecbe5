package io.relgraph.auth;

import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.departmentName;
import static io.relgraph.events.Fixtures.employee;
import static io.relgraph.events.Fixtures.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.Database;
import io.relgraph.GraphQLWebSocket;
import io.relgraph.PrivateReadsOneSecondTimeout;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * When reads need a token, a subscription ends with UNAUTHORIZED when the token it was started with
 * expires, after answering while it was valid: a live query, and an event subscription, whether or
 * not it has had an event.
 */
@QuarkusTest
@TestProfile(PrivateReadsOneSecondTimeout.class)
class SubscriptionTokenExpiryTest {

    @Test
    void aLiveQueryEndsWhenItsTokenExpires() throws Exception {
        long it = department("Expiring");
        try (GraphQLWebSocket client = GraphQLWebSocket.connect(TestTokens.bearer(readerTokenExpiringIn(4)))) {
            var live = client.subscribeNow("subscription($id: ID!) { department(id: $id) { name } }", "id", Long.toString(it));
            JsonObject message = live.message();
            while ("next".equals(message.getString("type")) && !message.getJsonObject("payload").containsKey("errors")) {
                assertEquals(departmentName(it), message.getJsonObject("payload").getJsonObject("data").getJsonObject("department")
                        .getString("name"));
                message = live.message();
            }
            assertEquals("UNAUTHORIZED", errorCode(message), message.encode());
            assertTrue(message.encode().contains("expired"), message.encode());
        }
    }

    @Test
    void anEventSubscriptionEndsWhenItsTokenExpiresWithOrWithoutEvents() throws Exception {
        long it = department("ExpiringEvents");
        long john = employee("John");
        Instant issued = Instant.now();
        try (GraphQLWebSocket client = GraphQLWebSocket.connect(TestTokens.bearer(readerTokenExpiringIn(5)))) {
            var events = client.subscribe("subscription($d: ID) { linkChanged(departmentId: $d) { kind extraData link { extraData } } }",
                    "d", Long.toString(it));
            var quiet = client.subscribe("subscription($id: ID) { departmentChanged(id: $id) { kind } }", "id", Long.toString(it));
            link(it, john, "before expiry");
            assertEquals(new JsonObject().put("kind", "CREATED").put("extraData", "before expiry")
                    .put("link", new JsonObject().put("extraData", "before expiry")), events.next().getJsonObject("linkChanged"));

            for (var subscription : java.util.List.of(events, quiet)) {
                JsonObject ended = subscription.message();
                assertEquals("UNAUTHORIZED", errorCode(ended), ended.encode());
                assertTrue(ended.encode().contains("expired"), ended.encode());
                assertEquals("complete", subscription.message().getString("type"));
            }
            assertTrue(Instant.now().isAfter(issued.plusSeconds(4)), "ended at the token's expiry, not before");
        }
        assertEquals("before expiry", Database.value("select extra_data from department_employee_link where department_id = ?", it));
    }

    /** A reader's token, valid now, that expires in a few seconds. */
    private static String readerTokenExpiringIn(int seconds) {
        Instant now = Instant.now();
        return Jwt.issuer(KeyDirectory.DEFAULT_ISSUER).subject("test-expiring").groups("reader")
                .issuedAt(now).expiresAt(now.plusSeconds(seconds)).jws().sign(TestTokens.keys().signingKey());
    }

    private static String errorCode(JsonObject message) {
        Object payload = message.getValue("payload");
        JsonArray errors = payload instanceof JsonArray a ? a : ((JsonObject) payload).getJsonArray("errors");
        assertTrue(errors != null && !errors.isEmpty(), "no error in " + message.encode());
        return errors.getJsonObject(0).getJsonObject("extensions").getString("code");
    }
}

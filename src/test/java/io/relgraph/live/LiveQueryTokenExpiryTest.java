package io.relgraph.live;

import static io.relgraph.events.Fixtures.department;
import static io.relgraph.events.Fixtures.departmentName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.relgraph.auth.KeyDirectory;
import io.relgraph.auth.TestTokens;
import io.relgraph.events.SubscriptionClient;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * When reads need a token, a live query ends with UNAUTHORIZED when the token it was started with
 * expires (after answering while it was valid).
 */
@QuarkusTest
@TestProfile(LiveQueryTokenExpiryTest.PrivateReads.class)
class LiveQueryTokenExpiryTest {

    public static class PrivateReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relgraph.auth.public-reads", "false");
        }
    }

    @Test
    void aLiveQueryEndsWhenItsTokenExpires() throws Exception {
        long it = department("Expiring");
        try (SubscriptionClient client = SubscriptionClient.connect(TestTokens.bearer(readerTokenExpiringIn(4)))) {
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

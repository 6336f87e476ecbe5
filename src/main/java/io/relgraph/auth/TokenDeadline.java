package io.relgraph.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import graphql.GraphQLContext;
import io.relgraph.RelgraphConfig;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * When a subscription (a live query or an event subscription) must end because its token does: the {@code exp} of the token it
 * was authorized with, when reads need a token ({@code relgraph.auth.public-reads=false}); never when
 * reads are public (a token is not looked at then). The token was verified when the operation started
 * ({@code auth.OperationGuard}), so its claims are only read here, not verified again.
 */
public final class TokenDeadline {

    private TokenDeadline() {
    }

    /** The instant the subscription must end, or null when it need not. */
    public static Instant of(GraphQLContext context) {
        boolean publicReads = RelgraphConfig.current().auth().publicReads();
        if (publicReads || context == null) {
            return null;
        }
        return expiry(OperationGuard.authorization(context));
    }

    /** The {@code exp} of a bearer token, or null when it has none (or is not a JWT: it would not have been accepted). */
    static Instant expiry(String authorization) {
        if (authorization == null) {
            return null;
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : authorization.strip();
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            Long exp = claims.getLong("exp");
            return exp == null ? null : Instant.ofEpochSecond(exp);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The error a subscription ends with when its token expired. */
    public static ApiException expired(Instant deadline) {
        return new ApiException(ErrorCode.UNAUTHORIZED, "The token of this subscription expired at " + deadline
                + ": subscribe again with a new token");
    }
}

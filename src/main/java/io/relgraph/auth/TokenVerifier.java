package io.relgraph.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.UnresolvableKeyException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Turns an Authorization header into a verified caller, with smallrye-jwt's parser and the standard
 * {@code mp.jwt.verify.*} settings (the generated key, or a real issuer's PEM or JWKS). Every refusal
 * says why (missing, malformed, expired, bad signature, wrong issuer) and never repeats the token.
 *
 * <p>A token that verified is remembered (at most {@value #REMEMBERED} tokens, each for at most
 * {@link #REMEMBER_FOR}, never past its own {@code exp}, nor past {@code iat} +
 * {@code mp.jwt.verify.token.age} when that is set): a client sends the same token with every
 * request, and checking its RSA signature each time was most of a write's CPU (bench/RESULTS.md).
 * A refused token is never remembered, so it is refused again with its reason.
 */
@ApplicationScoped
public class TokenVerifier {

    /** Who called, as the token says: its subject and the highest relgraph role in its groups (null when none). */
    public record Caller(String subject, Role role) {
    }

    private static final String BEARER = "bearer ";
    static final int REMEMBERED = 10_000;
    /** Bounds how long a token stays accepted after the keys it was verified with are replaced. */
    static final Duration REMEMBER_FOR = Duration.ofSeconds(60);

    /** A verified token's caller and its expiry (epoch seconds; Long.MAX_VALUE when it has none). */
    private record Verified(Caller caller, long expiresAt) {
    }

    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(REMEMBERED)
            .expireAfterWrite(REMEMBER_FOR).build();

    @Inject
    JWTParser parser;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    /** MicroProfile JWT's maximum token age in seconds (from iat), when an operator sets one. */
    @ConfigProperty(name = "mp.jwt.verify.token.age")
    Optional<Long> maxAge;

    /**
     * @param authorization the header's value, null when there is none
     * @param needed the role the operation needs, for the message
     */
    public Caller verify(String authorization, Role needed) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("This operation needs role '" + needed.claim()
                    + "': send a bearer token (header 'Authorization: Bearer <JWT>'); none was sent");
        }
        String value = authorization.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER) || value.length() == BEARER.length()) {
            throw unauthorized("The Authorization header must be 'Bearer <JWT>'");
        }
        String token = value.substring(BEARER.length()).strip();
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            if (known.expiresAt() > Instant.now().getEpochSecond()) {
                return known.caller();
            }
            verified.invalidate(token); // expired since: the parser says so, with the time
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw unauthorized(reason(e));
        }
        Caller caller = new Caller(jwt.getSubject() != null ? jwt.getSubject() : jwt.getName(),
                Role.highest(jwt.getGroups() != null ? jwt.getGroups() : Set.of()).orElse(null));
        long expiresAt = jwt.getExpirationTime() > 0 ? jwt.getExpirationTime() : Long.MAX_VALUE;
        if (maxAge.isPresent() && jwt.getIssuedAtTime() > 0) {
            expiresAt = Math.min(expiresAt, jwt.getIssuedAtTime() + maxAge.get()); // remembered no longer than the parser would accept it
        }
        verified.put(token, new Verified(caller, expiresAt));
        return caller;
    }

    private String reason(ParseException e) {
        InvalidJwtException invalid = find(e, InvalidJwtException.class);
        if (invalid != null) {
            if (invalid.hasExpired()) {
                return "The bearer token has expired" + expiry(invalid);
            }
            if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
                return "The bearer token has a bad signature: it was not signed by a key this server trusts";
            }
            if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                return "The bearer token has the wrong issuer: this server trusts tokens issued by '"
                        + issuer.orElse("?") + "'";
            }
            if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
                return "The bearer token is not signed";
            }
        }
        if (find(e, UnresolvableKeyException.class) != null) {
            return "The bearer token has a bad signature: no key this server trusts matches it";
        }
        return "The bearer token is not a valid JWT for this server";
    }

    private static String expiry(InvalidJwtException e) {
        try {
            var exp = e.getJwtContext() != null ? e.getJwtContext().getJwtClaims().getExpirationTime() : null;
            return exp != null ? " (at " + Instant.ofEpochSecond(exp.getValue()) + ")" : "";
        } catch (Exception ignored) {
            return "";
        }
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(ErrorCode.UNAUTHORIZED, message);
    }
}

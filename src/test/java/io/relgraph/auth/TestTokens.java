package io.relgraph.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.jwt.build.Jwt;

/**
 * Tokens for tests, made with the key the application under test uses: its {@code admin.token}, and
 * tokens of any role, expired, signed by another key or from another issuer.
 */
public final class TestTokens {

    /** Set by PackagedAppDatabase: the key directory of the jar a packaged-app test starts. */
    public static final String AUTH_DIR = "relgraph.test.auth-dir";

    private static PrivateKey otherKey;

    private TestTokens() {
    }

    public static Path authDir() {
        String it = System.getProperty(AUTH_DIR);
        if (it != null) {
            return Path.of(it);
        }
        return Path.of(ConfigProvider.getConfig().getOptionalValue("relgraph.auth.dir", String.class)
                .orElse(KeyDirectory.DEFAULT_DIR));
    }

    public static KeyDirectory keys() {
        return new KeyDirectory(authDir());
    }

    /** The admin token the application wrote at its start. */
    public static String admin() {
        Path file = keys().adminToken();
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("The application under test wrote no admin token to " + file, e);
        }
    }

    public static String of(Role role) {
        return keys().mint(role, "test-" + role.claim(), KeyDirectory.DEFAULT_ISSUER, Duration.ofHours(1));
    }

    /** A token whose life ended an hour ago (well past any clock skew allowance). */
    public static String expired(Role role) {
        Instant now = Instant.now();
        return Jwt.issuer(KeyDirectory.DEFAULT_ISSUER).subject("test-expired").groups(role.claim())
                .issuedAt(now.minus(Duration.ofHours(3))).expiresAt(now.minus(Duration.ofHours(1)))
                .jws().sign(keys().signingKey());
    }

    /** Right issuer, right claims, signed by a key the server has never seen. */
    public static synchronized String signedByAnotherKey(Role role) {
        if (otherKey == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                otherKey = generator.generateKeyPair().getPrivate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        Instant now = Instant.now();
        return Jwt.issuer(KeyDirectory.DEFAULT_ISSUER).subject("test-other-key").groups(role.claim())
                .issuedAt(now).expiresAt(now.plus(Duration.ofHours(1))).jws().sign(otherKey);
    }

    /** Signed with the server's key, but by an issuer it does not trust. */
    public static String wrongIssuer(Role role) {
        return keys().mint(role, "test-wrong-issuer", "https://someone-else.example", Duration.ofHours(1));
    }

    /** Valid, but its groups name no relgraph role. */
    public static String withoutRole() {
        Instant now = Instant.now();
        return Jwt.issuer(KeyDirectory.DEFAULT_ISSUER).subject("test-nobody").groups("accounting")
                .issuedAt(now).expiresAt(now.plus(Duration.ofHours(1))).jws().sign(keys().signingKey());
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}

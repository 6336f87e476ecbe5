package io.relgraph.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.relgraph.RelgraphConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTParser;

/**
 * With the generated key (no issuer configured), makes sure {@code admin.token} holds a valid admin
 * token for it, kept across restarts and made anew only when it no longer verifies (a new key), and
 * logs where it is. The token itself is never logged.
 * <p>
 * A token that is there is verified off the start's path, on a thread of its own: parsing it loads
 * and runs the JWT library and an RSA check (some hundred milliseconds at a cold start: bench/RESULTS.md), and
 * it is almost always valid ({@link KeyDirectory#ensureKeyPair()} removes the token of a replaced key,
 * so a missing file, which is minted before the start completes, is the common case of a new one).
 */
@ApplicationScoped
public class AdminToken {

    private static final Logger LOG = Logger.getLogger(AdminToken.class);
    /** Long-lived: it is the operator's key to a server that has no identity provider. */
    static final Duration VALIDITY = Duration.ofDays(3650);

    @Inject
    RelgraphConfig config;

    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = KeyDirectory.DEFAULT_ISSUER)
    String issuer;

    @Inject
    JWTParser parser;

    void onStart(@Observes StartupEvent event) {
        Optional<String> generatedKeyDir = config.auth().generatedKeyDir();
        if (generatedKeyDir.isEmpty()) {
            return;
        }
        KeyDirectory keys = new KeyDirectory(Path.of(generatedKeyDir.get()));
        if (!Files.isRegularFile(keys.adminToken())) {
            keys.writeAdminToken(keys.mint(Role.ADMIN, "admin", issuer, VALIDITY));
        } else {
            Thread check = new Thread(() -> renewUnlessValid(keys), "relgraph-admin-token-check");
            check.setDaemon(true);
            check.start();
        }
        LOG.infof("Admin token (role admin, for the generated key) in %s; mint others with: "
                + "java -jar quarkus-run.jar token --role writer --dir %s", keys.adminToken(), keys.dir());
    }

    private void renewUnlessValid(KeyDirectory keys) {
        if (!isValidAdmin(keys.adminToken())) {
            keys.writeAdminToken(keys.mint(Role.ADMIN, "admin", issuer, VALIDITY));
            LOG.infof("Admin token renewed (it no longer verified or expires within 30 days) in %s", keys.adminToken());
        }
    }

    private boolean isValidAdmin(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonWebToken jwt = parser.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return Role.highest(jwt.getGroups()).filter(r -> r == Role.ADMIN).isPresent()
                    && jwt.getExpirationTime() > System.currentTimeMillis() / 1000 + Duration.ofDays(30).toSeconds();
        } catch (Exception e) {
            return false;
        }
    }
}

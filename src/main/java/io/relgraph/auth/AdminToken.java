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

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTParser;

/**
 * With the generated key (no issuer configured), makes sure {@code admin.token} holds a valid admin
 * token for it, kept across restarts and made anew only when it no longer verifies (a new key), and
 * logs where it is. The token itself is never logged.
 */
@ApplicationScoped
public class AdminToken {

    private static final Logger LOG = Logger.getLogger(AdminToken.class);
    /** Long-lived: it is the operator's key to a server that has no identity provider. */
    static final Duration VALIDITY = Duration.ofDays(3650);

    @ConfigProperty(name = AuthConfigSourceFactory.GENERATED_KEY_DIR)
    Optional<String> generatedKeyDir;

    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = KeyDirectory.DEFAULT_ISSUER)
    String issuer;

    @Inject
    JWTParser parser;

    void onStart(@Observes StartupEvent event) {
        if (generatedKeyDir.isEmpty()) {
            return;
        }
        KeyDirectory keys = new KeyDirectory(Path.of(generatedKeyDir.get()));
        if (!isValidAdmin(keys.adminToken())) {
            keys.writeAdminToken(keys.mint(Role.ADMIN, "admin", issuer, VALIDITY));
        }
        LOG.infof("Admin token (role admin, for the generated key) in %s; mint others with: "
                + "java -jar quarkus-run.jar token --role writer --dir %s", keys.adminToken(), keys.dir());
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

package io.relgraph.auth;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Zero setup for tokens: when the user configured no verification key ({@code mp.jwt.verify.publickey.location}
 * or {@code mp.jwt.verify.publickey}), makes or reuses the key pair of {@link KeyDirectory} and hands
 * smallrye-jwt its public key and the issuer {@value KeyDirectory#DEFAULT_ISSUER}. With a key
 * configured (a real identity provider) it adds nothing. Runtime only, like the database's source:
 * a path decided at build time would be baked into the jar.
 */
public class AuthConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(AuthConfigSourceFactory.class);
    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    static final int ORDINAL = 275;
    static final String GENERATED_KEY_DIR = "relgraph.auth.internal.generated-key-dir";
    private static final List<String> KEY_SETTINGS = List.of("mp.jwt.verify.publickey.location",
            "mp.jwt.verify.publickey", "smallrye.jwt.verify.key.location");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (value(context, "quarkus.uuid") == null) {
            return List.of(); // build time (see DatabaseConfigSourceFactory.isRuntime)
        }
        for (String key : KEY_SETTINGS) {
            if (value(context, key) != null) {
                return List.of();
            }
        }
        String configured = value(context, "relgraph.auth.dir");
        KeyDirectory keys = new KeyDirectory(Path.of(configured != null ? configured : KeyDirectory.DEFAULT_DIR));
        if (keys.ensureKeyPair()) {
            LOG.infof("No token verification key configured (mp.jwt.verify.publickey.location): made a signing key in %s", keys.dir());
        }
        Map<String, String> props = new HashMap<>();
        props.put("mp.jwt.verify.publickey.location", keys.publicKey().toUri().toString());
        if (value(context, "mp.jwt.verify.issuer") == null) {
            props.put("mp.jwt.verify.issuer", KeyDirectory.DEFAULT_ISSUER);
        }
        props.put(GENERATED_KEY_DIR, keys.dir().toString());
        return List.of(new MapBackedConfigSource("relgraph-auth", props, ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The value for the active profile first ({@code %test.x}), then the plain one. */
    private static String value(ConfigSourceContext context, String name) {
        for (String profile : context.getProfiles()) {
            String v = plain(context, "%" + profile + "." + name);
            if (v != null) {
                return v;
            }
        }
        return plain(context, name);
    }

    private static String plain(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        // NONE is smallrye-jwt's own "not set" (Quarkus' dev and test modes put it there)
        return v == null || v.getValue() == null || v.getValue().isBlank() || "NONE".equals(v.getValue()) ? null
                : v.getValue();
    }
}

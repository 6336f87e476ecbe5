package io.relgraph.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The zero-setup signing key: an RSA key pair in {@code relgraph.auth.dir} ({@code relgraph-auth/}
 * under the working directory), made on first use and kept, so tokens survive restarts. The
 * private key and the admin token are readable by the owner only. Plain JDK and smallrye-jwt-build,
 * no CDI: the config source (before Quarkus is up) and the {@code token} command use it too.
 */
public final class KeyDirectory {

    /** The issuer of tokens signed with the generated key, unless {@code mp.jwt.verify.issuer} says otherwise. */
    public static final String DEFAULT_ISSUER = "relgraph";
    public static final String DEFAULT_DIR = io.relgraph.RelgraphConfig.DEFAULT_AUTH_DIR;
    static final String PRIVATE_KEY = "private-key.pem";
    static final String PUBLIC_KEY = "public-key.pem";
    static final String ADMIN_TOKEN = "admin.token";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private final Path dir;

    public KeyDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public Path publicKey() {
        return dir.resolve(PUBLIC_KEY);
    }

    public Path privateKey() {
        return dir.resolve(PRIVATE_KEY);
    }

    public Path adminToken() {
        return dir.resolve(ADMIN_TOKEN);
    }

    /**
     * Makes the key pair unless both files are there. A lock file keeps two processes starting on one
     * directory from making two different pairs. A new pair removes the admin token left from an old
     * one, so that {@link AdminToken} knows at once that it must make one (and need not verify it).
     *
     * @return true when a new pair was made
     */
    public boolean ensureKeyPair() {
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                if (Files.exists(privateKey()) && Files.exists(publicKey())) {
                    return false;
                }
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                write(publicKey(), pem("PUBLIC KEY", pair.getPublic().getEncoded()), PUBLIC);
                write(privateKey(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()), OWNER_ONLY);
                Files.deleteIfExists(adminToken());
                return true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the signing key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create an RSA key pair", e);
        }
    }

    /** A signed token for the role, valid for the given time, with the subject as {@code sub} and {@code upn}. */
    public String mint(Role role, String subject, String issuer, Duration validity) {
        Instant now = Instant.now();
        return Jwt.issuer(issuer)
                .subject(subject)
                .upn(subject)
                .groups(role.claim())
                .issuedAt(now)
                .expiresAt(now.plus(validity))
                .claim("jti", UUID.randomUUID().toString())
                .jws().sign(signingKey());
    }

    /** Writes the token to {@code admin.token}, owner-only, replacing what was there. */
    public void writeAdminToken(String token) {
        try {
            write(adminToken(), token + "\n", OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + adminToken(), e);
        }
    }

    public PrivateKey signingKey() {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(privateKey(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + privateKey(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not an RSA private key: " + privateKey(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Written beside the target with its final mode, then moved into place: no reader sees half a key. */
    private static void write(Path target, String content, Set<PosixFilePermission> mode) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(tmp, mode);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

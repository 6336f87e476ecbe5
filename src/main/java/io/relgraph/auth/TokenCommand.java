package io.relgraph.auth;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code java -jar quarkus-run.jar token --role writer [--days 30] [--subject NAME] [--dir relgraph-auth]
 * [--issuer relgraph]}: prints a token signed with the generated key of {@code --dir} (made when
 * missing, as the server would on its first start). Needs only Java and the jar.
 */
public final class TokenCommand {

    static final String USAGE = "usage: token --role reader|writer|admin [--days 30] [--subject NAME] "
            + "[--dir DIR (default: relgraph.auth.dir, RELGRAPH_AUTH_DIR or relgraph-auth)] [--issuer ISSUER (default relgraph)]";

    private TokenCommand() {
    }

    /** @return the process exit code */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Role role = null;
        long days = 30;
        String subject = null;
        String dir = firstSet(System.getProperty("relgraph.auth.dir"), System.getenv("RELGRAPH_AUTH_DIR"), KeyDirectory.DEFAULT_DIR);
        String issuer = firstSet(System.getProperty("mp.jwt.verify.issuer"), System.getenv("MP_JWT_VERIFY_ISSUER"),
                KeyDirectory.DEFAULT_ISSUER);
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--role" -> role = Role.ofClaim(value(args, ++i).toLowerCase(Locale.ROOT))
                            .orElseThrow(() -> new IllegalArgumentException("unknown role (reader, writer or admin)"));
                    case "--days" -> days = Long.parseLong(value(args, ++i));
                    case "--subject" -> subject = value(args, ++i);
                    case "--dir" -> dir = value(args, ++i);
                    case "--issuer" -> issuer = value(args, ++i);
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            if (role == null) {
                throw new IllegalArgumentException("--role is required");
            }
            if (days <= 0) {
                throw new IllegalArgumentException("--days must be positive");
            }
        } catch (IllegalArgumentException e) {
            err.println("token: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        KeyDirectory keys = new KeyDirectory(Path.of(dir));
        if (keys.ensureKeyPair()) {
            err.println("token: made a new signing key in " + keys.dir());
        }
        out.println(keys.mint(role, subject != null ? subject : role.claim(), issuer, Duration.ofDays(days)));
        return 0;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}

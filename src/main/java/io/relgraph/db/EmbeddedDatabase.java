package io.relgraph.db;

import java.util.Optional;

/**
 * The embedded server this JVM started, if any: lets tests stop and start it (readiness checks)
 * and tells operators where its data lives.
 */
public final class EmbeddedDatabase {

    private static volatile EmbeddedPostgres current;

    private EmbeddedDatabase() {
    }

    static void set(EmbeddedPostgres pg) {
        current = pg;
    }

    public static Optional<EmbeddedPostgres> current() {
        return Optional.ofNullable(current);
    }
}

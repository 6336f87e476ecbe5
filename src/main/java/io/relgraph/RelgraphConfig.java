package io.relgraph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every {@code relgraph.*} setting, with its default, in one place; docs/configuration.md says what
 * each one is for and its environment variable. Beans inject this mapping (or one of its groups)
 * instead of single properties, so a default is stated once, here. The few settings that decide how
 * the configuration itself is made (the embedded database, the key directory, the statement timeout,
 * Flyway's skip) are also read before any bean exists, by {@code db.DatabaseConfigSourceFactory} and
 * {@code auth.AuthConfigSourceFactory}; those take their defaults from the constants below.
 */
@ConfigMapping(prefix = "relgraph")
public interface RelgraphConfig {

    String DEFAULT_TIMEOUT = "10s";
    String DEFAULT_EMBEDDED_DATA_DIR = "relgraph-data";
    String DEFAULT_AUTH_DIR = "relgraph-auth";

    /** The mapping, for code that CDI does not make (graphql-java's services, static helpers). */
    static RelgraphConfig current() {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(RelgraphConfig.class);
    }

    /** Most rows one list or page may hold. */
    @WithDefault("1000")
    int maxPageSize();

    /** Seed the article's data into an empty database at start (on in dev). */
    @WithDefault("false")
    boolean demoData();

    GraphQL graphql();

    Db db();

    Estimate estimate();

    Events events();

    Live live();

    Auth auth();

    Embedded embedded();

    interface GraphQL {
        @WithDefault("15")
        int maxDepth();

        /** Most fields one query may select, fragments expanded. */
        @WithDefault("1000")
        int maxComplexity();

        /** Most objects one query may return, estimated before it runs. */
        @WithDefault("100000")
        long maxRows();

        /**
         * Most rows the wheres of one request may visit, estimated before it runs from PostgreSQL's statistics and
         * the indexes that serve each filter (estimate.RowVisits); never refuses the bench's anchored filters (Q5 visits
         * about 69,000) and refuses an unanchored filter over every link of a thousand departments (600,000).
         */
        @WithDefault("500000")
        long maxRowVisits();

        @WithDefault("1048576")
        long maxBodySize();

        @WithDefault("100000")
        int maxDocumentLength();

        /** Parsed and validated documents kept (weighed by length); also bounds persisted queries. */
        @WithDefault("1000")
        int documentCacheSize();

        /** Longest a request may run; also PostgreSQL's statement_timeout on the pool's connections. */
        @WithDefault(DEFAULT_TIMEOUT)
        Duration timeout();

        @WithDefault("true")
        boolean introspection();

        Optional<Path> persistedDir();

        @WithDefault("false")
        boolean persistedOnly();

        Compiler compiler();

        interface Compiler {
            @WithDefault("true")
            boolean enabled();

            @WithDefault("1000")
            int cacheSize();
        }
    }

    interface Db {
        Pool pool();

        Replica replica();

        /** A start that finds every shipped migration applied does not start Flyway (bootstrap). */
        @WithDefault("true")
        boolean skipAppliedMigrations();

        interface Pool {
            /** Longest a statement waits for a pooled connection before UNAVAILABLE. */
            @WithDefault("3s")
            Duration maxWait();

            /** Most statements waiting for a connection at once. */
            @WithDefault("200")
            int maxWaiting();
        }

        interface Replica {
            /** DB_READ_URL: streaming replicas, comma-separated; empty: none. */
            Optional<String> urls();

            Optional<String> user();

            Optional<String> password();

            @WithDefault("5s")
            Duration maxLag();

            @WithDefault("1s")
            Duration probeInterval();

            /** Connections per replica: DB_POOL_SIZE, as the primary's pool. */
            @WithDefault("${DB_POOL_SIZE:20}")
            int maxSize();
        }
    }

    interface Estimate {
        /** How often the lists' lengths the row limit counts are measured again; 0: only at start. */
        @WithDefault("60s")
        Duration refreshInterval();
    }

    interface Events {
        /** Events one subscriber may fall behind before LIMIT_EXCEEDED ends it. */
        @WithDefault("1000")
        int subscriberBuffer();

        @WithDefault("1s")
        Duration reconnectInterval();
    }

    interface Live {
        /** At most one re-run per live query and one message per subscription per this interval. */
        @WithDefault("250ms")
        Duration minInterval();
    }

    interface Auth {
        /** Anyone may read and subscribe; false: that needs role reader. */
        @WithDefault("true")
        boolean publicReads();

        /** Where the generated key pair and admin token are kept (bootstrap). */
        @WithDefault(DEFAULT_AUTH_DIR)
        String dir();

        /** Set by auth.AuthConfigSourceFactory when it generated the key pair; not a user setting. */
        @WithName("internal.generated-key-dir")
        Optional<String> generatedKeyDir();
    }

    /** The embedded PostgreSQL (bootstrap: read by db.DatabaseConfigSourceFactory). */
    interface Embedded {
        @WithDefault("true")
        boolean enabled();

        /** auto (throw-away in dev and test, persistent for java -jar), ephemeral or persistent. */
        @WithDefault("auto")
        String mode();

        @WithDefault(DEFAULT_EMBEDDED_DATA_DIR)
        String dataDir();

        Optional<String> binariesDir();

        /** The running server's port, set at start; not a user setting. */
        @WithName("internal.port")
        Optional<Integer> port();
    }
}

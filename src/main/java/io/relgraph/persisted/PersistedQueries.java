package io.relgraph.persisted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.relgraph.RelgraphConfig;
import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The documents clients may name by hash: those registered by automatic persisted queries (bounded, like
 * the cache of checked documents: {@code relgraph.graphql.document-cache-size} documents of about 2,000
 * characters) and those of the allow-list directory (all kept).
 */
@ApplicationScoped
public class PersistedQueries {

    /** The message Apollo's and urql's links match to re-send the document (older versions match nothing else). */
    static final String NOT_FOUND_MESSAGE = "PersistedQueryNotFound";
    private static final Logger LOG = Logger.getLogger(PersistedQueries.class);

    private final Cache<String, String> registered;
    /** Allow-listed documents by id: their SHA-256, and the file's or manifest's own id where it gives one. */
    private final Map<String, String> allowed;
    /** The SHA-256 of each allow-listed document's text, so the full text of one is recognised too. */
    private final Map<String, String> allowedByHash;
    private final boolean persistedOnly;

    public PersistedQueries(RelgraphConfig config) {
        Optional<Path> dir = config.graphql().persistedDir();
        boolean persistedOnly = config.graphql().persistedOnly();
        int cacheSize = config.graphql().documentCacheSize();
        this.persistedOnly = persistedOnly;
        this.registered = Caffeine.newBuilder().maximumWeight(cacheSize * 2_000L)
                .weigher((String hash, String text) -> Math.max(1, text.length())).build();
        this.allowed = new HashMap<>();
        this.allowedByHash = new HashMap<>();
        if (dir.isPresent()) {
            load(dir.get());
            LOG.infof("Persisted operations: %d read from %s%s", allowedByHash.size(), dir.get().toAbsolutePath(),
                    persistedOnly ? "; no other document runs (relgraph.graphql.persisted-only)" : "");
        } else if (persistedOnly) {
            throw new IllegalStateException("relgraph.graphql.persisted-only=true needs relgraph.graphql.persisted-dir: "
                    + "the directory of the operations this server may run");
        }
    }

    /**
     * The document a request runs.
     *
     * @param query the text the request sent, or null
     * @param hash {@code extensions.persistedQuery.sha256Hash} (lower-case hex), or null
     * @throws ApiException PERSISTED_QUERY_NOT_FOUND for an unknown hash sent alone, VALIDATION for a hash that
     *         is not the text's, OPERATION_NOT_ALLOWED for a document off the allow-list in persisted-only mode
     */
    public String document(String query, String hash) {
        if (query == null) {
            String text = allowed.get(hash);
            if (text == null && !persistedOnly) {
                text = registered.getIfPresent(hash);
            }
            if (text == null) {
                throw persistedOnly ? notAllowed() : new ApiException(ErrorCode.PERSISTED_QUERY_NOT_FOUND, NOT_FOUND_MESSAGE);
            }
            return text;
        }
        if (hash != null && query.equals(allowed.get(hash))) {
            return query;
        }
        if (hash != null && !query.equals(registered.getIfPresent(hash))) {
            // a text registered under this hash before is that text: it is hashed once, not per request
            if (!sha256(query).equals(hash)) {
                throw ApiException.validation("extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it"
                        + " (hash the document's UTF-8 text exactly as sent)");
            }
            if (!persistedOnly) {
                registered.put(hash, query);
            }
        }
        if (persistedOnly && !allowedByHash.containsKey(hash != null ? hash : sha256(query))) {
            throw notAllowed();
        }
        return query;
    }

    private static ApiException notAllowed() {
        return new ApiException(ErrorCode.OPERATION_NOT_ALLOWED, "This server runs only its persisted operations "
                + "(relgraph.graphql.persisted-only): the document is not one of them");
    }

    /** Reads {@code *.graphql} files (id: their SHA-256, and their name when it is one) and Apollo persisted-query manifests ({@code *.json}). */
    private void load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("relgraph.graphql.persisted-dir is not a directory: " + dir.toAbsolutePath());
        }
        List<Path> files;
        try (Stream<Path> list = Files.walk(dir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read relgraph.graphql.persisted-dir " + dir.toAbsolutePath(), e);
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                if (name.endsWith(".graphql") || name.endsWith(".gql")) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    String stem = name.substring(0, name.lastIndexOf('.')).toLowerCase(Locale.ROOT);
                    add(text, stem.matches("[0-9a-f]{64}") ? stem : null);
                } else if (name.endsWith(".json")) {
                    JsonObject manifest = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
                    JsonArray operations = manifest.getJsonArray("operations");
                    if (operations == null) {
                        throw new IllegalStateException(file + " is not an Apollo persisted-query manifest (no \"operations\")");
                    }
                    for (int i = 0; i < operations.size(); i++) {
                        JsonObject operation = operations.getJsonObject(i);
                        add(operation.getString("body"), operation.getString("id"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read persisted operation " + file, e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot read persisted operation " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private void add(String text, String id) {
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("an operation without a document");
        }
        String hash = sha256(text);
        allowedByHash.put(hash, text);
        allowed.put(hash, text);
        if (id != null) {
            allowed.put(id.toLowerCase(Locale.ROOT), text);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

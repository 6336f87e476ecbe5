package io.relgraph.request;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.relgraph.graphql.ErrorCode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads a request body (POST) or query string (GET) into a {@link GraphQLRequest}, refusing every shape
 * GraphQL over HTTP does not allow with a VALIDATION error that says what is wrong and the spec's 4xx
 * (so that nothing malformed reaches an engine, which would answer it with a 500).
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /** A POST's body, read as its {@code Content-Type} says (see {@link MediaTypes#requestType}). */
    static GraphQLRequest read(String contentType, Buffer body) {
        String type = MediaTypes.requestType(contentType);
        String text = utf8(body);
        if (type.equals(MediaTypes.GRAPHQL)) {
            return new GraphQLRequest(text, null, Map.of(), null, false);
        }
        Object json;
        try {
            json = Json.decodeValue(text);
        } catch (DecodeException e) {
            throw malformed("The request body is not JSON: " + firstLine(e.getMessage()));
        }
        if (json instanceof JsonArray) {
            throw malformed("Batched requests (a JSON array of operations) are not supported: send one operation per request");
        }
        if (!(json instanceof JsonObject request)) {
            throw malformed("The request body must be a JSON object with a \"query\"");
        }
        return request(request.getValue("query"), request.getValue("operationName"), request.getValue("variables"),
                request.getValue("extensions"), false);
    }

    /**
     * A GET's query string ({@code query}, {@code operationName}, and {@code variables} and
     * {@code extensions} as JSON text), as GraphQL over HTTP sends a query over GET.
     */
    static GraphQLRequest read(MultiMap params) {
        return request(single(params, "query"), single(params, "operationName"), json(params, "variables"),
                json(params, "extensions"), true);
    }

    private static GraphQLRequest request(Object query, Object operationName, Object variables, Object extensions, boolean viaGet) {
        if (operationName != null && !(operationName instanceof String)) {
            throw malformed("\"operationName\" must be a string or null");
        }
        if (variables != null && !(variables instanceof JsonObject)) {
            throw malformed("\"variables\" must be a JSON object or null");
        }
        if (extensions != null && !(extensions instanceof JsonObject)) {
            throw malformed("\"extensions\" must be a JSON object or null");
        }
        String hash = persistedHash((JsonObject) extensions);
        if (query == null && hash == null) {
            throw malformed("The request has no \"query\" (the GraphQL document)");
        }
        if (query != null && !(query instanceof String)) {
            throw malformed("\"query\" must be a string holding the GraphQL document");
        }
        String q = (String) query;
        if (q != null && q.isBlank()) {
            throw malformed("\"query\" is empty");
        }
        Map<String, Object> vars = variables == null ? Map.of() : ((JsonObject) variables).getMap();
        String name = (String) operationName;
        return new GraphQLRequest(q, name == null || name.isEmpty() ? null : name, unwrap(vars), hash, viaGet);
    }

    /** {@code extensions.persistedQuery.sha256Hash}, checked for shape (Apollo's automatic persisted queries, version 1). */
    private static String persistedHash(JsonObject extensions) {
        Object persisted = extensions == null ? null : extensions.getValue("persistedQuery");
        if (persisted == null) {
            return null;
        }
        if (!(persisted instanceof JsonObject p)) {
            throw malformed("\"extensions.persistedQuery\" must be an object with \"version\": 1 and \"sha256Hash\"");
        }
        Object version = p.getValue("version");
        if (!(version instanceof Number n) || n.doubleValue() != 1) {
            throw malformed("\"extensions.persistedQuery.version\" must be 1, got " + version);
        }
        if (!(p.getValue("sha256Hash") instanceof String hash) || !hash.matches("[0-9a-fA-F]{64}")) {
            throw malformed("\"extensions.persistedQuery.sha256Hash\" must be the document's SHA-256 as 64 hex digits");
        }
        return hash.toLowerCase(Locale.ROOT);
    }

    private static String single(MultiMap params, String name) {
        List<String> values = params.getAll(name);
        if (values.size() > 1) {
            throw malformed("The query string names \"" + name + "\" " + values.size() + " times; send it once");
        }
        String value = values.isEmpty() ? null : values.get(0);
        return value == null || value.isEmpty() && !name.equals("query") ? null : value;
    }

    private static Object json(MultiMap params, String name) {
        String text = single(params, name);
        if (text == null) {
            return null;
        }
        Object value;
        try {
            value = Json.decodeValue(text);
        } catch (DecodeException e) {
            throw malformed("\"" + name + "\" is not JSON: " + firstLine(e.getMessage()));
        }
        if (!(value instanceof JsonObject)) {
            throw malformed("\"" + name + "\" must be a JSON object (URL-encoded) or absent");
        }
        return value;
    }

    private static RequestException malformed(String message) {
        return RequestException.malformed(400, ErrorCode.VALIDATION, message);
    }

    /** Vert.x nests JsonObject/JsonArray in the map; graphql-java wants plain maps and lists. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> unwrap(Map<String, Object> vars) {
        return (Map<String, Object>) plain(vars);
    }

    private static Object plain(Object value) {
        if (value instanceof JsonObject o) {
            return plain(o.getMap());
        }
        if (value instanceof JsonArray a) {
            return plain(a.getList());
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, plain(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof String s && s.indexOf('\0') >= 0) {
            throw new RequestException(ErrorCode.VALIDATION, "Strings must not contain NUL characters (U+0000)", null);
        }
        return value;
    }

    private static String utf8(Buffer body) {
        if (body == null || body.length() == 0) {
            throw malformed("The request body is empty: send {\"query\": \"...\"}");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body.getBytes())).toString();
        } catch (CharacterCodingException e) {
            throw malformed("The request body is not valid UTF-8");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        String line = message.lines().findFirst().orElse("malformed").replace("Failed to decode:", "");
        int source = line.indexOf(" at [Source");
        return (source >= 0 ? line.substring(0, source) : line).trim();
    }

    static RequestException tooLarge(long max) {
        return RequestException.malformed(413, ErrorCode.LIMIT_EXCEEDED, "The request body is larger than " + max
                + " bytes (relgraph.graphql.max-body-size)");
    }
}

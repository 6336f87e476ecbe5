package io.relgraph.request;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.relgraph.graphql.ApiException;
import io.relgraph.graphql.ErrorCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads a request body into a {@link GraphQLRequest}, refusing every shape GraphQL over HTTP does not
 * allow with a VALIDATION error that says what is wrong (so that nothing malformed reaches an
 * engine, which would answer it with a 500).
 */
final class RequestBodies {

    private RequestBodies() {
    }

    static GraphQLRequest read(String contentType, Buffer body) {
        String text = utf8(body);
        String type = contentType == null ? "application/json" : contentType.toLowerCase().split(";", 2)[0].trim();
        String charset = charset(contentType);
        if (charset != null && !charset.equals("utf-8") && !charset.equals("utf8")) {
            // The body is read as UTF-8 here; an engine that honoured another charset would read other
            // bytes as another document than the one checked (and authorized) here.
            throw ApiException.validation("The request body must be UTF-8 (GraphQL over HTTP), not charset=" + charset);
        }
        if (type.equals("application/graphql")) {
            return new GraphQLRequest(text, null, Map.of());
        }
        if (!type.equals("application/json") && !type.endsWith("+json")) {
            throw ApiException.validation("Send the request as application/json (or a bare document as application/graphql), not " + type);
        }
        Object json;
        try {
            json = Json.decodeValue(text);
        } catch (DecodeException e) {
            throw ApiException.validation("The request body is not JSON: " + firstLine(e.getMessage()));
        }
        if (json instanceof JsonArray) {
            throw ApiException.validation("Batched requests (a JSON array of operations) are not supported: send one operation per request");
        }
        if (!(json instanceof JsonObject request)) {
            throw ApiException.validation("The request body must be a JSON object with a \"query\"");
        }
        Object query = request.getValue("query");
        if (query == null) {
            throw ApiException.validation("The request has no \"query\" (the GraphQL document)");
        }
        if (!(query instanceof String q)) {
            throw ApiException.validation("\"query\" must be a string holding the GraphQL document");
        }
        if (q.isBlank()) {
            throw ApiException.validation("\"query\" is empty");
        }
        Object operationName = request.getValue("operationName");
        if (operationName != null && !(operationName instanceof String)) {
            throw ApiException.validation("\"operationName\" must be a string or null");
        }
        Object variables = request.getValue("variables");
        if (variables != null && !(variables instanceof JsonObject)) {
            throw ApiException.validation("\"variables\" must be a JSON object or null");
        }
        Object extensions = request.getValue("extensions");
        if (extensions != null && !(extensions instanceof JsonObject)) {
            throw ApiException.validation("\"extensions\" must be a JSON object or null");
        }
        Map<String, Object> vars = variables == null ? Map.of() : ((JsonObject) variables).getMap();
        String name = (String) operationName;
        return new GraphQLRequest(q, name == null || name.isEmpty() ? null : name, unwrap(vars));
    }

    /** The charset parameter of a Content-Type, lower case and unquoted, or null when it names none. */
    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
                return kv[1].trim().replace("\"", "").toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
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
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, plain(v)));
            return out;
        }
        if (value instanceof java.util.List<?> l) {
            java.util.List<Object> out = new java.util.ArrayList<>(l.size());
            l.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof String s && s.indexOf('\0') >= 0) {
            throw ApiException.validation("Strings must not contain NUL characters (U+0000)");
        }
        return value;
    }

    private static String utf8(Buffer body) {
        if (body == null || body.length() == 0) {
            throw ApiException.validation("The request body is empty: send {\"query\": \"...\"}");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body.getBytes())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.validation("The request body is not valid UTF-8");
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

    static ApiException tooLarge(long max) {
        return new ApiException(ErrorCode.LIMIT_EXCEEDED, "The request body is larger than " + max
                + " bytes (relgraph.graphql.max-body-size)");
    }
}

package io.relgraph.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * One object of a live answer, as PostgreSQL built it: its values keyed by the selection's response
 * keys (aliases). graphql-java completes a live subscription's selection over these instead of
 * calling the resolvers ({@link LiveSchema}): the compiled statement has answered every field already.
 * Immutable, so one parsed answer serves every subscriber of the query.
 */
public final class LiveObject {

    private final Map<String, Object> values;

    private LiveObject(Map<String, Object> values) {
        this.values = values;
    }

    /** The value of a response key: a scalar, a {@code LiveObject}, a list of these, or null. */
    public Object get(String responseKey) {
        return values.get(responseKey);
    }

    /** The value of {@code responseKey} in the JSON of {@code data} a compiled read returned. */
    static Object rootValue(Buffer data, String responseKey) {
        return convert(new JsonObject(data).getMap().get(responseKey));
    }

    @SuppressWarnings("unchecked")
    static Object convert(Object json) {
        if (json instanceof JsonObject o) {
            json = o.getMap();
        }
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> values = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                values.put(e.getKey(), convert(e.getValue()));
            }
            return new LiveObject(values);
        }
        if (json instanceof Iterable<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(convert(item));
            }
            return out;
        }
        return json;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

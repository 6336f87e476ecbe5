package io.relgraph.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

/** A compiled read's JSON becomes the tree graphql-java completes a live answer from, keyed by response keys. */
class LiveObjectTest {

    @Test
    void objectsAndListsOfTheAnswerAreReadByResponseKey() {
        Buffer data = Buffer.buffer("{\"d\":{\"name\":\"IT\",\"links\":[{\"extraData\":null,\"employee\":{\"id\":\"7\",\"n\":1}}]}}");
        LiveObject d = (LiveObject) LiveObject.rootValue(data, "d");
        assertEquals("IT", d.get("name"));
        List<?> links = (List<?>) d.get("links");
        LiveObject link = (LiveObject) links.get(0);
        assertNull(link.get("extraData"));
        assertEquals("7", ((LiveObject) link.get("employee")).get("id"));
        assertEquals(1, ((LiveObject) link.get("employee")).get("n"));
    }

    @Test
    void aNullOrEmptyRootStaysWhatItIs() {
        assertNull(LiveObject.rootValue(Buffer.buffer("{\"department\":null}"), "department"));
        assertTrue(((List<?>) LiveObject.rootValue(Buffer.buffer("{\"departments\":[]}"), "departments")).isEmpty());
    }
}

package org.openuid.core.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Streaming check "these bytes are exactly one JSON object" (optional surrounding whitespace, nothing after it),
 * without building a tree.
 */
final class JsonObjects {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonObjects() {}

    static boolean isObject(byte[] bytes, int off, int len) {
        if (len <= 0) {
            return false;
        }
        try (JsonParser parser = FACTORY.createParser(bytes, off, len)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            parser.skipChildren();
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                return false;
            }
            return parser.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}

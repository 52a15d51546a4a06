package org.openuid.server.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** Small JSON helpers: quoting for hand-built responses and strict parsing of request objects. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** The string as a JSON string literal, with quotes. */
    public static String quote(String s) {
        if (s == null) return "null";
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    /** Parses bytes that must hold one JSON object; null when they don't. */
    public static ObjectNode parseObject(byte[] bytes) {
        if (bytes == null) return null;
        try {
            JsonNode n = MAPPER.readTree(bytes);
            return n instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Text of a value as the reference reads it: strings as is, numbers and booleans as their JSON text; null for containers. */
    public static String scalarText(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isTextual()) return n.textValue();
        if (n.isValueNode()) return n.toString();
        return null;
    }
}

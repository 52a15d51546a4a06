package org.openuid.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.core.envelope.RequestEnvelope;

import java.io.IOException;

/**
 * Small JSON helpers: quoting for hand-built responses, strict parsing of request objects, and a streaming reader
 * of a few top-level fields for the hot endpoints (no tree, no data binding).
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Marks a present field whose value is an object or an array (see {@link #scalarFields}). */
    public static final String CONTAINER = new String("<container>");

    private Json() {}

    /**
     * The shared data-binding mapper, created on first use: setting it up takes a tenth of a second of class loading,
     * which the token endpoints (streaming only) never need.
     */
    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    /** The string as a JSON string literal, with quotes. */
    public static String quote(String s) {
        if (s == null) return "null";
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    /** Parses bytes that must hold one JSON object; null when they don't. */
    public static ObjectNode parseObject(byte[] bytes) {
        if (bytes == null) return null;
        try {
            JsonNode n = mapper().readTree(bytes);
            return n instanceof ObjectNode o ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads the named top-level fields of a JSON object in one streaming pass, exactly as {@link #parseObject} followed
     * by {@link #scalarText} would read them: a string as is, a number or boolean as the tree's JSON text of it
     * (floating point numbers as Java doubles print), {@link #CONTAINER} for an object or array, and null for a field
     * that is absent or JSON null. A repeated field counts with its last value, as in the tree.
     *
     * @param json  bytes that hold one JSON object (null is read as an object without fields)
     * @return the values in the order of {@code names}; all null when the bytes are not a JSON object
     */
    public static String[] scalarFields(byte[] json, String[] names) {
        String[] values = new String[names.length];
        if (json == null) return values;
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return values;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int i = indexOf(names, name);
                if (i < 0) {
                    p.skipChildren();
                    continue;
                }
                values[i] = value(p, value);
            }
            return values;
        } catch (IOException e) {
            return new String[names.length];
        }
    }

    /** The value at the parser as {@link #scalarFields} reports it. */
    private static String value(JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case START_OBJECT, START_ARRAY -> {
                p.skipChildren();
                yield CONTAINER;
            }
            case VALUE_NULL -> null;
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue().toString() : Long.toString(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> floatText(p.getDoubleValue());
            default -> null;
        };
    }

    /**
     * {@link #scalarFields} and the check that the bytes hold exactly one JSON object
     * ({@link RequestEnvelope#isJsonObject}) in one pass: null when they do not; otherwise the values
     * {@code scalarFields} returns (all null where it would fail to read a value, and its runtime exceptions).
     */
    public static String[] objectFields(byte[] json, String[] names) {
        if (json == null) return new String[names.length];
        String[] plain = FlatObjectReader.read(json, names);
        if (plain != null) return plain;
        String[] values = new String[names.length];
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                int i = indexOf(names, p.currentName());
                JsonToken value = p.nextToken();
                if (i < 0) {
                    p.skipChildren();
                } else {
                    values[i] = value(p, value);
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) return null;
            return values;
        } catch (IOException | RuntimeException e) {
            // what the two passes would have answered: not an object, or an object whose values cannot be read
            if (!RequestEnvelope.isJsonObject(json)) return null;
            if (e instanceof RuntimeException r) throw r;
            return new String[names.length];
        }
    }

    /** A double as the tree prints it: non-finite values (a number too large for a double) in quotes. */
    private static String floatText(double d) {
        return Double.isFinite(d) ? Double.toString(d) : "\"" + d + "\"";
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return i;
        return -1;
    }

    /** Text of a value as the reference reads it: strings as is, numbers and booleans as their JSON text; null for containers. */
    public static String scalarText(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isTextual()) return n.textValue();
        if (n.isValueNode()) return n.toString();
        return null;
    }
}

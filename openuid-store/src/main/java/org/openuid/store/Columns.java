package org.openuid.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.openuid.core.model.Role;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Text encodings of list-valued columns: JSON arrays for lists, comma-separated names for roles. */
final class Columns {

    /** Streaming only: a databind mapper would load hundreds of classes into every start for these few lists. */
    private static final JsonFactory JSON = new JsonFactory();

    private Columns() {}

    static String strings(List<String> values) {
        return json(values);
    }

    /** A missing list (SQL NULL) reads as an empty one. */
    static List<String> strings(String text) {
        return text == null ? new ArrayList<>() : parse(text, Columns::stringElement);
    }

    /** Null stays null (no ACL). */
    static String ints(List<Integer> values) {
        return values == null ? null : json(values);
    }

    static List<Integer> ints(String text) {
        return text == null ? null : parse(text, Columns::intElement);
    }

    /** Role names in enum order, comma-separated. */
    static String roles(Set<Role> roles) {
        StringBuilder sb = new StringBuilder();
        for (Role r : Role.values()) {
            if (roles.contains(r)) {
                if (sb.length() > 0) sb.append(',');
                sb.append(r.name());
            }
        }
        return sb.toString();
    }

    static Set<Role> roles(String text) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        if (text == null || text.isBlank()) return roles;
        for (String name : text.split(",")) {
            if (!name.isBlank()) roles.add(Role.parse(name));
        }
        return roles;
    }

    private static String json(List<?> values) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (Object v : values) {
                if (v == null) g.writeNull();
                else if (v instanceof Integer i) g.writeNumber(i);
                else g.writeString(v.toString());
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode list column", e);
        }
        return out.toString();
    }

    /** A JSON array of strings or integers ({@code null} text: an empty list); anything else is corrupt. */
    private static <T> List<T> parse(String text, Function<JsonParser, T> element) {
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken t = p.nextToken();
            List<T> list = new ArrayList<>();
            if (t == JsonToken.VALUE_NULL) return list;
            if (t != JsonToken.START_ARRAY) throw new IllegalStateException("corrupt list column: not an array");
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) throw new IllegalStateException("corrupt list column: unterminated array");
                list.add(t == JsonToken.VALUE_NULL ? null : element.apply(p));
            }
            if (p.nextToken() != null) throw new IllegalStateException("corrupt list column: trailing content");
            return list;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("corrupt list column", e);
        }
    }

    private static String stringElement(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_STRING && !t.isNumeric() && !t.isBoolean())
            throw new IllegalStateException("corrupt list column: " + t + " in a list of strings");
        try {
            return p.getText();
        } catch (IOException e) {
            throw new IllegalStateException("corrupt list column", e);
        }
    }

    private static Integer intElement(JsonParser p) {
        try {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT) return p.getIntValue();
            if (t == JsonToken.VALUE_STRING) return Integer.parseInt(p.getText().trim());
            throw new IllegalStateException("corrupt list column: " + t + " in a list of integers");
        } catch (IOException e) {
            throw new IllegalStateException("corrupt list column", e);
        }
    }
}

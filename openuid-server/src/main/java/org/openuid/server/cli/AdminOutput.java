package org.openuid.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What an {@code openuid admin} command prints: with {@code --json} the API's JSON answer (indented); otherwise a
 * table for lists and {@code name: value} lines for single objects, for people.
 */
final class AdminOutput {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final boolean json;
    private final PrintStream out;

    AdminOutput(boolean json, PrintStream out) {
        this.json = json;
        this.out = out;
    }

    boolean json() { return json; }

    /** The list {@code field} of an answer: a JSON array, else a table of {@code columns} (field names) with a header. */
    void list(JsonNode answer, String field, String... columns) {
        if (json) {
            print(answer.get(field));
            return;
        }
        JsonNode rows = answer.get(field);
        List<String[]> lines = new ArrayList<>();
        String[] header = new String[columns.length];
        for (int i = 0; i < columns.length; i++) header[i] = columns[i].toUpperCase(java.util.Locale.ROOT);
        lines.add(header);
        for (JsonNode row : rows) {
            String[] line = new String[columns.length];
            for (int i = 0; i < columns.length; i++) line[i] = text(row.get(columns[i]));
            lines.add(line);
        }
        int[] width = new int[columns.length];
        for (String[] l : lines) for (int i = 0; i < l.length; i++) width[i] = Math.max(width[i], l[i].length());
        for (String[] l : lines) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                sb.append(l[i]);
                if (i < l.length - 1) sb.append(" ".repeat(width[i] - l[i].length() + 2));
            }
            out.println(sb.toString().stripTrailing());
        }
        if (rows.isEmpty()) out.println("(none)");
    }

    /** One object: JSON as is, else one {@code name: value} line per field. */
    void object(JsonNode answer) {
        if (json) {
            print(answer);
            return;
        }
        int w = 0;
        for (Iterator<String> it = answer.fieldNames(); it.hasNext(); ) w = Math.max(w, it.next().length());
        for (Iterator<String> it = answer.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            out.println(f + ":" + " ".repeat(w - f.length() + 1) + text(answer.get(f)));
        }
    }

    /** A line for people only (e.g. "shown only once" warnings); nothing with --json. */
    void note(String text) {
        if (!json) out.println(text);
    }

    private void print(JsonNode answer) {
        try {
            out.println(PRETTY.writeValueAsString(answer));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(JsonNode n) {
        if (n == null || n.isNull()) return "-";
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode e : n) parts.add(text(e));
            return parts.isEmpty() ? "-" : String.join(",", parts);
        }
        if (n.isObject()) return n.toString();
        return n.asText();
    }
}

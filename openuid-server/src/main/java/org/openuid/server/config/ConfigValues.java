package org.openuid.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parsing of single configuration values with messages that name the key. */
final class ConfigValues {
    private ConfigValues() {}

    static int integer(Map<String, String> s, String key) {
        try {
            return Integer.parseInt(s.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + s.get(key) + "'");
        }
    }

    static int nonNegative(Map<String, String> s, String key) {
        int v = integer(s, key);
        if (v < 0) throw new IllegalArgumentException(key + " must not be negative, got " + v);
        return v;
    }

    static int positive(Map<String, String> s, String key) {
        int v = integer(s, key);
        if (v <= 0) throw new IllegalArgumentException(key + " must be at least 1, got " + v);
        return v;
    }

    /** A list: a JSON array of strings (as a configuration file gives it) or values separated by commas or spaces. */
    static List<String> list(Map<String, String> s, String key) {
        String v = s.get(key).strip();
        List<String> out = new ArrayList<>();
        if (v.startsWith("[")) {
            try {
                for (JsonNode n : new ObjectMapper().readTree(v)) out.add(n.asText().strip());
            } catch (IOException e) {
                throw new IllegalArgumentException(key + " must be a JSON array of strings or values separated by commas");
            }
        } else {
            out.addAll(List.of(v.split("[,\\s]+")));
        }
        out.removeIf(String::isEmpty);
        return List.copyOf(out);
    }

    static boolean bool(Map<String, String> s, String key) {
        String v = s.get(key).trim();
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    }
}

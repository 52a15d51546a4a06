package org.openuid.server.config;

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

    static boolean bool(Map<String, String> s, String key) {
        String v = s.get(key).trim();
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    }
}

package org.openuid.server.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the usual {@code openuid serve} command lines without picocli, so that a start loads none of its classes
 * (they are compiled for Java 5, which class-data archives leave out, so every start would load and verify them).
 * It takes only what it can read exactly as picocli would: each known option at most once, as {@code --name value}
 * or {@code --name=value}, string values that look neither like an option nor like an argument file ({@code @file}),
 * whole numbers written plainly (no sign but {@code -1}, no leading zero), {@code --demo} alone. Anything else, help
 * and version included, returns {@code null} and goes through picocli, whose answer (an error message, usage) stays
 * the only one.
 */
final class ServeArgs {
    private ServeArgs() {
    }

    /** The command these arguments (after {@code serve}) describe, or {@code null} when picocli must read them. */
    static ServeCommand read(String[] args) {
        ServeCommand cmd = new ServeCommand();
        cmd.storeOptions = new StoreOptions();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!seen.add(name)) return null;
            if (name.equals("--demo")) {
                if (eq >= 0) return null;
                cmd.demo = true;
                continue;
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (!set(cmd, name, value)) return null;
        }
        return cmd;
    }

    private static boolean set(ServeCommand cmd, String name, String value) {
        if (name.equals("--config") || name.equals("--store") || name.equals("--bind")) {
            if (value.isEmpty() || value.charAt(0) == '-' || value.charAt(0) == '@') return false; // '@': an argument file
            switch (name) {
                case "--config" -> cmd.storeOptions.configFile = Path.of(value);
                case "--store" -> cmd.storeOptions.store = value;
                default -> cmd.bind = value;
            }
            return true;
        }
        Integer number = number(value);
        if (number == null) return false;
        switch (name) {
            case "--port" -> cmd.port = number;
            case "--admin-port" -> cmd.adminPort = number;
            case "--ops-port" -> cmd.opsPort = number;
            case "--salt-buckets" -> cmd.saltBuckets = number;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A whole number as every reader of it agrees: "-1", "0", or up to nine digits without a leading zero. */
    static Integer number(String value) {
        if (value.equals("-1")) return -1;
        int n = value.length();
        if (n == 0 || n > 9 || (value.charAt(0) == '0' && n > 1)) return null;
        int result = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') return null;
            result = result * 10 + (c - '0');
        }
        return result;
    }
}

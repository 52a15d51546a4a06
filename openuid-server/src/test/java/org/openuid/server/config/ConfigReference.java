package org.openuid.server.config;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration reference of docs/configuration.md, generated from and checked against the typed configuration:
 * the keys and defaults of {@link OperatorConfig#DEFAULTS}, and the components of {@link OperatorConfig} and its nested
 * settings records, which every key must reach.
 *
 * <p>Run {@code main} (from the {@code openuid-server} directory, with the test class path) to print the table, or
 * with {@code --write} to rewrite the table in docs/configuration.md: rows keep their meaning, keys missing from the
 * page get a row whose meaning must still be written (the test refuses {@value #TODO}).
 */
public final class ConfigReference {
    public static final Path PAGE = Path.of("..", "docs", "configuration.md");
    static final String HEADER = "| Key | Default | Meaning |";
    static final String TODO = "TODO: describe";
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9_]+)`\\s*\\|(.*?)\\|(.*)\\|\\s*$");
    private static final Pattern LITERAL = Pattern.compile("`([^`]*)`");

    private ConfigReference() {}

    /** One documented key: default cell and meaning as written. */
    public record Row(String key, String defaultCell, String meaning) {
        String markdown() { return "| `" + key + "` | " + defaultCell + " | " + meaning + " |"; }
    }

    /** The rows of the key table, in page order. */
    public static Map<String, Row> documented(String page) {
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : page.split("\n", -1)) {
            if (line.trim().equals(HEADER)) {
                inTable = true;
                continue;
            }
            if (!inTable) continue;
            if (!line.startsWith("|")) break;
            Matcher m = ROW.matcher(line);
            if (m.matches()) rows.put(m.group(1), new Row(m.group(1), m.group(2).trim(), m.group(3).trim()));
        }
        return rows;
    }

    /**
     * How the page must show a default: the value in backticks; an empty default as "empty" or "unset", or as the rule
     * that derives it ("same as `other_key`", or a path with a {@code <placeholder>}).
     */
    static boolean defaultMatches(String code, String cell) {
        Matcher m = LITERAL.matcher(cell);
        String literal = m.find() ? m.group(1) : null;
        if (code.isEmpty()) return cell.equals("empty") || cell.equals("unset") || cell.startsWith("same as ") || (literal != null && literal.contains("<"));
        return code.equals(literal) && cell.startsWith("`");
    }

    /** Everything on the page that disagrees with the code; empty when the page is right. */
    public static List<String> problems(String page) {
        List<String> out = new ArrayList<>();
        Map<String, Row> rows = documented(page);
        if (rows.isEmpty()) out.add("no table headed '" + HEADER + "' in " + PAGE);
        for (String key : new TreeSet<>(OperatorConfig.DEFAULTS.keySet())) {
            Row row = rows.get(key);
            String code = OperatorConfig.DEFAULTS.get(key);
            if (row == null) out.add("key '" + key + "' is missing; add: " + new Row(key, defaultCell(code), TODO).markdown());
            else if (!defaultMatches(code, row.defaultCell()))
                out.add("key '" + key + "': the page says the default is " + row.defaultCell() + ", the code says '" + code + "'");
            else if (row.meaning().isBlank() || row.meaning().contains(TODO)) out.add("key '" + key + "' has no meaning written");
        }
        for (String key : rows.keySet())
            if (!OperatorConfig.DEFAULTS.containsKey(key)) out.add("key '" + key + "' is documented but the code does not accept it");
        return out;
    }

    private static String defaultCell(String code) {
        return code.isEmpty() ? "empty" : "`" + code + "`";
    }

    /** The table with one row per key: documented rows in page order, then new keys sorted. */
    public static String table(String page) {
        Map<String, Row> rows = documented(page);
        StringBuilder out = new StringBuilder(HEADER).append("\n| --- | --- | --- |\n");
        for (Row r : rows.values()) if (OperatorConfig.DEFAULTS.containsKey(r.key())) out.append(r.markdown()).append('\n');
        for (String key : new TreeSet<>(OperatorConfig.DEFAULTS.keySet()))
            if (!rows.containsKey(key)) out.append(new Row(key, defaultCell(OperatorConfig.DEFAULTS.get(key)), TODO).markdown()).append('\n');
        return out.toString();
    }

    /** The page with its key table replaced by {@link #table}. */
    public static String rewrite(String page) {
        int start = page.indexOf(HEADER);
        if (start < 0) throw new IllegalArgumentException("no table headed '" + HEADER + "'");
        int end = start;
        while (end < page.length()) {
            int next = page.indexOf('\n', end);
            if (next < 0) { end = page.length(); break; }
            if (!page.startsWith("|", next + 1)) { end = next + 1; break; }
            end = next + 1;
        }
        return page.substring(0, start) + table(page) + page.substring(end);
    }

    // ---------------------------------------------------------------- keys reach the typed configuration

    /**
     * For every key, the components of the typed configuration (paths such as {@code cstgRateLimits.perIpBurst}) that
     * change when only that key changes from its default. A key that changes nothing is not read by the code.
     */
    public static Map<String, Set<String>> reach() {
        OperatorConfig defaults = OperatorConfig.defaults();
        Map<String, Object> base = leaves(defaults, "");
        Map<String, Set<String>> out = new TreeMap<>();
        for (String key : OperatorConfig.DEFAULTS.keySet()) {
            Set<String> changed = new TreeSet<>();
            for (String value : alternatives(key, OperatorConfig.DEFAULTS.get(key))) {
                OperatorConfig other;
                try {
                    other = OperatorConfig.fromSettings(Map.of(key, value));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                Map<String, Object> leaves = leaves(other, "");
                for (Map.Entry<String, Object> e : leaves.entrySet())
                    if (!Objects.equals(e.getValue(), base.get(e.getKey()))) changed.add(e.getKey());
                if (!changed.isEmpty()) break;
            }
            out.put(key, changed);
        }
        return out;
    }

    /** Every leaf component of the configuration record tree, by dotted path. */
    public static Map<String, Object> leaves(Record r, String prefix) {
        Map<String, Object> out = new TreeMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (v instanceof Record nested) out.putAll(leaves(nested, prefix + c.getName() + "."));
            else out.put(prefix + c.getName(), v);
        }
        return out;
    }

    /** Values other than the default that a key of this kind accepts. */
    static List<String> alternatives(String key, String value) {
        if (value.equalsIgnoreCase("true")) return List.of("false");
        if (value.equalsIgnoreCase("false")) return List.of("true");
        if (value.matches("-?[0-9]+")) return List.of(Long.toString(Long.parseLong(value) + 1), Long.toString(Long.parseLong(value) - 1));
        if (value.matches("[0-9]*\\.[0-9]+")) return List.of(Double.toString(Double.parseDouble(value) / 2));
        if (value.isEmpty()) return List.of("true", "X-Example-Header", "example.json");
        if (value.equalsIgnoreCase("uid2")) return List.of("euid");
        return List.of(value + "-other");
    }

    public static void main(String[] args) throws IOException {
        Path page = args.length > 1 ? Path.of(args[1]) : PAGE;
        String text = Files.readString(page, StandardCharsets.UTF_8);
        if (args.length > 0 && args[0].equals("--write")) {
            Files.writeString(page, rewrite(text), StandardCharsets.UTF_8);
            System.out.println("rewrote the key table of " + page);
        } else {
            System.out.print(table(text));
        }
        Map<String, String> unused = new HashMap<>();
        reach().forEach((k, v) -> { if (v.isEmpty()) unused.put(k, OperatorConfig.DEFAULTS.get(k)); });
        problems(rewrite(text)).forEach(p -> System.err.println("still to do: " + p));
        unused.forEach((k, v) -> System.err.println("key '" + k + "' changes nothing in OperatorConfig"));
    }
}

package org.openuid.server.docs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Expected output as a guide writes it: compared line by line (trailing spaces and trailing empty lines ignored);
 * a line that is only {@code ...} matches any number of lines (also none), and {@code ...} inside a line matches any
 * text on that line.
 */
public final class OutputPattern {
    static final String ELLIPSIS = "...";

    private final List<Pattern> lines = new ArrayList<>();
    private final List<Boolean> anyLines = new ArrayList<>();

    public OutputPattern(String expected) {
        for (String line : trimmed(expected)) {
            boolean any = line.strip().equals(ELLIPSIS);
            anyLines.add(any);
            lines.add(any ? null : linePattern(line));
        }
    }

    private static Pattern linePattern(String line) {
        StringBuilder re = new StringBuilder();
        int from = 0;
        for (int at = line.indexOf(ELLIPSIS); at >= 0; at = line.indexOf(ELLIPSIS, from)) {
            re.append(Pattern.quote(line.substring(from, at))).append(".*");
            from = at + ELLIPSIS.length();
        }
        return Pattern.compile(re.append(Pattern.quote(line.substring(from))).toString());
    }

    static List<String> trimmed(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.replace("\r\n", "\n").split("\n", -1)) out.add(l.stripTrailing());
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        return out;
    }

    public boolean matches(String actual) {
        List<String> a = trimmed(actual);
        Boolean[][] memo = new Boolean[lines.size() + 1][a.size() + 1];
        return match(0, 0, a, memo);
    }

    private boolean match(int i, int j, List<String> a, Boolean[][] memo) {
        if (memo[i][j] != null) return memo[i][j];
        boolean result;
        if (i == lines.size()) {
            result = j == a.size();
        } else if (anyLines.get(i)) {
            result = match(i + 1, j, a, memo) || (j < a.size() && match(i, j + 1, a, memo));
        } else {
            result = j < a.size() && lines.get(i).matcher(a.get(j)).matches() && match(i + 1, j + 1, a, memo);
        }
        memo[i][j] = result;
        return result;
    }

    /** A readable account of a mismatch: expected and actual side by side. */
    public static String explain(String expected, String actual) {
        return "expected (\"...\" = anything):\n" + String.join("\n", trimmed(expected)) + "\n--- but it printed:\n"
                + String.join("\n", trimmed(actual)) + "\n---";
    }

    @Override
    public String toString() { return Arrays.toString(lines.toArray()); }
}

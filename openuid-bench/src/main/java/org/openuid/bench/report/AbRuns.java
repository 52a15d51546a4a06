package org.openuid.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The summaries of interleaved A/B runs ({@code bench/ab.sh} writes one Markdown file per run into {@code bench/ab/}),
 * sorted by file name. The summary table reads a B ÷ A ratio from them: a table row whose first cell names the
 * scenario (e.g. {@code map-v2-1000}) and whose last cell that reads as a ratio ({@code 1.62×} or {@code 1.62x}) is
 * the ratio; a row or file that names a JDK label applies to that JDK only. The last file that has one wins.
 */
final class AbRuns {
    private static final Pattern RATIO = Pattern.compile("^\\**([0-9]+(?:\\.[0-9]+)?)\\s*[×x]\\**$");

    record Run(String name, String markdown) {}

    final List<Run> runs = new ArrayList<>();

    AbRuns(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList()) {
                String name = p.getFileName().toString();
                runs.add(new Run(name.substring(0, name.length() - 3), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
    }

    /** B ÷ A of a scenario on a JDK from the A/B summaries, or NaN when none has it. */
    double ratio(String label, String scenario) {
        double found = Double.NaN;
        for (Run run : runs) {
            for (String line : run.markdown().split("\n")) {
                if (!line.startsWith("|")) continue;
                String[] cells = line.substring(1).split("\\|");
                if (cells.length < 2 || !clean(cells[0]).equals(scenario)) continue;
                boolean otherJdk = false;
                for (String c : cells) if (clean(c).startsWith("java-") && !clean(c).equals(label)) otherJdk = true;
                if (otherJdk || (run.name().contains("java-") && !run.name().contains(label))) continue;
                for (int i = cells.length - 1; i > 0; i--) {
                    Matcher m = RATIO.matcher(clean(cells[i]));
                    if (m.matches()) {
                        found = Double.parseDouble(m.group(1));
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static String clean(String cell) {
        return cell.replace("`", "").trim();
    }
}

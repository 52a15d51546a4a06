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
 * sorted by file name. The summary table reads a B ÷ A ratio from them: from a table with {@code JDK},
 * {@code scenario} and {@code B / A} columns (as {@code bench/ab.sh} writes it), or else from a row whose first cell
 * names the scenario (e.g. {@code map-v2-1000}) and whose last cell reading {@code 1.62×} or {@code 1.62x} is the
 * ratio (a row or file that names a JDK label applies to that JDK only). The last file that has one wins.
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
            int scenarioCol = -1;
            int jdkCol = -1;
            int ratioCol = -1;
            for (String line : run.markdown().split("\n")) {
                if (!line.startsWith("|")) {
                    scenarioCol = jdkCol = ratioCol = -1;
                    continue;
                }
                String[] cells = line.substring(1).split("\\|");
                for (int i = 0; i < cells.length; i++) cells[i] = clean(cells[i]);
                if (ratioCol < 0 && List.of(cells).contains("B / A")) {
                    scenarioCol = List.of(cells).indexOf("scenario");
                    jdkCol = List.of(cells).indexOf("JDK");
                    ratioCol = List.of(cells).indexOf("B / A");
                    continue;
                }
                double v = ratioCol >= 0 ? fromColumns(cells, label, scenario, scenarioCol, jdkCol, ratioCol)
                        : fromRow(cells, label, scenario, run.name());
                if (!Double.isNaN(v)) found = v;
            }
        }
        return found;
    }

    /** A row of {@code bench/ab.sh}'s table: JDK, scenario, ..., B / A (a plain number). */
    private static double fromColumns(String[] cells, String label, String scenario, int scenarioCol, int jdkCol,
                                      int ratioCol) {
        if (scenarioCol < 0 || cells.length <= Math.max(scenarioCol, ratioCol) || !cells[scenarioCol].equals(scenario)) {
            return Double.NaN;
        }
        if (jdkCol >= 0 && jdkCol < cells.length && !cells[jdkCol].equals(label)) return Double.NaN;
        try {
            return Double.parseDouble(cells[ratioCol].replace("×", "").replace("*", "").trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Any other row: the scenario first, the ratio the last cell that reads {@code 1.62×} or {@code 1.62x}. */
    private static double fromRow(String[] cells, String label, String scenario, String runName) {
        if (cells.length < 2 || !cells[0].equals(scenario)) return Double.NaN;
        for (String c : cells) if (c.startsWith("java-") && !c.equals(label)) return Double.NaN;
        if (runName.contains("java-") && !runName.contains(label)) return Double.NaN;
        for (int i = cells.length - 1; i > 0; i--) {
            Matcher m = RATIO.matcher(cells[i]);
            if (m.matches()) return Double.parseDouble(m.group(1));
        }
        return Double.NaN;
    }

    private static String clean(String cell) {
        return cell.replace("`", "").trim();
    }
}

package org.openuid.server.cli;

import org.openuid.core.optout.OptOutFileFormat;
import org.openuid.store.OptOutImportProgress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Imports a set of upstream opt-out files, a single file or every {@code optout-delta-*.dat} and
 * {@code optout-partition-*.dat} under a folder (any depth, any number, in name order; the outcome does not depend on
 * the order). Every file is scanned first, so a malformed file stops the import before anything is written. Shows one
 * progress bar over all files and builds the JSON summary.
 */
final class OptOutFilesImport {
    private static final int MAX_DEPTH = 8;

    private final OptOutFileImporter importer;
    private final PrintStream err;
    private final boolean showProgress;

    OptOutFilesImport(OptOutFileImporter importer, PrintStream err, boolean showProgress) {
        this.importer = importer;
        this.err = err;
        this.showProgress = showProgress;
    }

    /** The opt-out files of {@code path}: the file itself, or those under the folder, by name. */
    static List<Path> files(Path path) throws IOException {
        if (Files.isRegularFile(path)) return List.of(path);
        if (!Files.isDirectory(path)) throw new IllegalArgumentException("no such file or folder: " + path);
        try (Stream<Path> walk = Files.walk(path, MAX_DEPTH)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> OptOutFileFormat.isOptOutFile(p.getFileName().toString()))
                    .sorted((a, b) -> {
                        int byName = a.getFileName().toString().compareTo(b.getFileName().toString());
                        return byName != 0 ? byName : a.compareTo(b);
                    }).toList();
        }
    }

    /** Hashes and checks every file (before anything is written); @throws IllegalArgumentException for a bad file */
    static List<OptOutFileImporter.ScannedFile> scan(List<Path> files) throws IOException {
        List<OptOutFileImporter.ScannedFile> scanned = new ArrayList<>();
        for (Path f : files) scanned.add(OptOutFileImporter.scan(f));
        return scanned;
    }

    /** Imports every scanned file; @return the summary printed by the commands */
    Map<String, Object> run(List<OptOutFileImporter.ScannedFile> scanned) throws IOException {
        long total = 0;
        long done = 0;
        for (OptOutFileImporter.ScannedFile s : scanned) {
            Path f = s.path();
            total += s.size();
            OptOutImportProgress before = importer.savedProgress(s);
            if (before != null) done += before.complete() ? s.size() : before.nextOffset();
            if (before != null && !before.complete()) {
                err.println("Resuming the import of " + f + " after record " + before.lines() + ".");
            }
        }
        ProgressBar bar = showProgress && total > 0
                ? new ProgressBar(err, total, done, System::nanoTime, System.console() != null).counting("records") : null;
        long[] base = {0, 0};
        List<Map<String, Object>> details = new ArrayList<>();
        long[] sums = new long[5];
        int alreadyImported = 0;
        for (OptOutFileImporter.ScannedFile s : scanned) {
            OptOutFileImporter.Result result = importer.run(s, (offset, records) -> {
                if (bar != null) bar.update(base[0] + offset, base[1] + records);
            });
            OptOutImportProgress p = result.progress();
            base[0] += s.size();
            base[1] += p.lines();
            if (result.alreadyComplete()) alreadyImported++;
            long[] counts = {p.lines(), p.invalid(), p.added(), p.alreadyOptedOut(), p.unmatched()};
            for (int i = 0; i < counts.length; i++) sums[i] += counts[i];
            details.add(fileSummary(s, result, counts));
        }
        if (bar != null) bar.finish(base[0], base[1]);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", OptOutImportProgress.UID2_OPTOUT_FILE);
        out.put("files", scanned.size());
        out.put("already_imported_files", alreadyImported);
        out.put("complete", true);
        putCounts(out, sums);
        out.put("details", details);
        return out;
    }

    private static Map<String, Object> fileSummary(OptOutFileImporter.ScannedFile s, OptOutFileImporter.Result result,
                                                   long[] counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", s.path().toString());
        m.put("sha256", s.sha256());
        m.put("complete", result.progress().complete());
        m.put("already_imported", result.alreadyComplete());
        m.put("resumed_after_record", result.startRecord());
        putCounts(m, counts);
        return m;
    }

    private static void putCounts(Map<String, Object> m, long[] c) {
        m.put("records", c[0]);
        m.put("sentinels", c[1]);
        m.put("opted_out", c[2]);
        m.put("already_opted_out", c[3]);
        m.put("unmatched_advertising_id", c[4]);
    }
}

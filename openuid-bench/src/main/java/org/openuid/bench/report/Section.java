package org.openuid.bench.report;

import java.io.IOException;
import java.util.List;

/** One section of docs/BENCHMARKS.md, written from one run's results. */
abstract class Section {
    final Results r;
    final Figures f;
    final List<String> labels;
    final StringBuilder md;

    Section(Report report) {
        this.r = report.results();
        this.f = report.figures();
        this.labels = report.labels();
        this.md = report.md();
    }

    abstract void write() throws IOException;

    /** A table header row with one column per JDK after {@code first}, right-aligned. */
    void perJdkHeader(String first) {
        md.append("| ").append(first).append(" |");
        for (String l : labels) md.append(' ').append(l).append(" |");
        md.append("\n| --- |");
        for (String ignored : labels) md.append(" ---: |");
        md.append('\n');
    }

    /** What the sections share: the results, the derived figures, the JDK labels and the page being written. */
    record Report(Results results, Figures figures, List<String> labels, StringBuilder md) {}
}

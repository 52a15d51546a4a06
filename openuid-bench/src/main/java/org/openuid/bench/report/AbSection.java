package org.openuid.bench.report;

/** Every summary of an interleaved A/B run ({@code bench/ab/*.md}, sorted), as {@code bench/ab.sh} wrote it. */
final class AbSection extends Section {
    private final AbRuns ab;

    AbSection(Report report, AbRuns ab) {
        super(report);
        this.ab = ab;
    }

    @Override
    void write() {
        md.append("## A/B of each kept change\n\n");
        if (ab.runs.isEmpty()) {
            md.append("No A/B summaries (`bench/ab/*.md`) yet.\n\n");
            return;
        }
        md.append("Each kept change was measured against the commit before it by `bench/ab.sh`: the two builds run ")
                .append("interleaved on the same machine in the same minutes, so that the neighbours' load falls on both ")
                .append("alike; ratios are per server CPU-second. The summaries below are the files in `bench/ab/`, as ")
                .append("written.\n\n");
        for (AbRuns.Run run : ab.runs) {
            String text = run.markdown().strip();
            if (!text.startsWith("#")) md.append("### ").append(run.name()).append("\n\n");
            md.append(text).append("\n\n");
        }
    }
}

package org.openuid.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

import static org.openuid.bench.report.Fmt.pct;

/** The token endpoints measured in windows that alternate with the bare HTTP exchange's (LoadDriver --paired-with). */
final class PairedSection extends Section {
    static final String TITLE = "Token endpoints against the bare exchange in alternating windows";
    /** The link target of {@link #TITLE} on the page. */
    static final String ANCHOR = "#" + TITLE.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');

    PairedSection(Report report) {
        super(report);
    }

    @Override
    void write() {
        boolean any = false;
        for (String l : labels) any |= !r.ofType("paired", l).isEmpty();
        if (!any) return;
        md.append("## ").append(TITLE).append("\n\n");
        md.append("The token targets are read here. Each endpoint runs in windows that alternate with windows of the ")
                .append("bare exchange on the same server, in pairs of one window each (base first, then the endpoint ")
                .append("first, and so on, so that a steady drift favours neither), each window after half a second of ")
                .append("its own warm-up. A pair's ratio is of two windows a few seconds apart: a slow spell of the host ")
                .append("that outlasts a pair lowers both sides of it, where it lowers only one scenario when the ")
                .append("scenarios run one after the other (*Load results*); a shorter one still moves single pairs, which ")
                .append("the median of the pairs' ratios, the share shown, leaves aside.\n\n");
        md.append("| JDK | Scenario | window s | pairs: requests per CPU-s of the endpoint / of http-floor | ratios | median |\n");
        md.append("| --- | --- | ---: | --- | --- | ---: |\n");
        for (String l : labels) {
            for (JsonNode n : r.ofType("paired", l)) {
                String s = n.path("scenario").asText();
                StringBuilder pairs = new StringBuilder();
                StringBuilder ratios = new StringBuilder();
                for (int i = 0; i < n.path("ratios").size(); i++) {
                    if (i > 0) {
                        pairs.append(", ");
                        ratios.append(", ");
                    }
                    pairs.append(String.format("%,.0f / %,.0f", n.path("per_cpu_second").path(i).asDouble(),
                            n.path("base_per_cpu_second").path(i).asDouble()));
                    ratios.append(pct(n.path("ratios").path(i).asDouble()));
                }
                md.append("| ").append(l).append(" | ").append(s).append(n.path("valid").asBoolean() ? "" : " (INVALID)")
                        .append(" | ").append(String.format("%.1f", n.path("window_seconds").asDouble())).append(" | ")
                        .append(pairs).append(" | ").append(ratios).append(" | ")
                        .append(pct(n.path("median_ratio").asDouble())).append(" |\n");
            }
        }
        md.append('\n');
    }
}

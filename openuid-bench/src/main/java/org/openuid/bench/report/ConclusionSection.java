package org.openuid.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** Which JDK to run, and the upstream operator's figures beside ours. */
final class ConclusionSection extends Section {
    ConclusionSection(Report report) {
        super(report);
    }

    @Override
    void write() {
        recommendation();
        upstream();
    }

    private void recommendation() {
        if (labels.size() < 2) return;
        md.append("## Which JDK to run in production\n\n");
        String a = labels.get(0);
        String b = labels.get(1);
        md.append("| Server per CPU-second | ").append(a).append(" | ").append(b).append(" | ").append(b).append(" ÷ ").append(a)
                .append(" |\n| --- | ---: | ---: | ---: |\n");
        double logSum = 0;
        int n = 0;
        for (String s : r.scenarios()) {
            Optional<JsonNode> x = r.load(a, s, false);
            Optional<JsonNode> y = r.load(b, s, false);
            if (x.isEmpty() || y.isEmpty()) continue;
            double vx = Results.perCpuSecond(x.get());
            double vy = Results.perCpuSecond(y.get());
            md.append("| ").append(s).append(" | ").append(String.format("%,.0f", vx)).append(" | ")
                    .append(String.format("%,.0f", vy)).append(" | ").append(String.format("%.2f", vy / vx)).append(" |\n");
            if (!s.equals("http-floor")) {
                logSum += Math.log(vy / vx);
                n++;
            }
        }
        double geo = Math.exp(logSum / Math.max(1, n));
        md.append('\n');
        String better = geo >= 1 ? b : a;
        md.append(String.format("Across the endpoints, %s serves %.2f× as much per CPU-second as %s (geometric mean). ",
                b, geo, a));
        double cstg = ratio(a, b, "cstg");
        boolean clear = geo >= 1.10 || geo <= 1 / 1.10;
        boolean some = geo >= 1.03 || geo <= 1 / 1.03;
        md.append("**Recommendation: run production on ").append(better).append("**")
                .append(clear ? ", clearly the cheaper of the two per token and per mapped identity. "
                        : some ? ", somewhat cheaper per token and per mapped identity. "
                        : "; per token and per mapped identity the two are within this machine's noise. ");
        if (!Double.isNaN(cstg)) {
            md.append(String.format("Client-side generate, bound by elliptic-curve key agreement, is %.2f× as fast on %s. ",
                    cstg, b));
        }
        md.append("OpenUID is built for Java 17 and runs unchanged on newer JDKs; the differences come from the JIT and ")
                .append("the JDK's own cryptography. Start-up with a class-data archive or an ahead-of-time cache is ")
                .append("under *Cold start*.\n\n");
    }

    /** Server requests per CPU-second of scenario {@code s} on {@code b} divided by that on {@code a}, or NaN. */
    private double ratio(String a, String b, String s) {
        Optional<JsonNode> x = r.load(a, s, false);
        Optional<JsonNode> y = r.load(b, s, false);
        if (x.isEmpty() || y.isEmpty()) return Double.NaN;
        return Results.perCpuSecond(y.get()) / Results.perCpuSecond(x.get());
    }

    private void upstream() {
        md.append("## Compared with the upstream operator\n\n");
        md.append("The upstream operator, measured on a machine like this one (server on one core, load generator on the ")
                .append("other), serves about 12,000–16,000 `/v2/token/generate` requests per second per core, about 12,000 ")
                .append("refreshes per second on two shared cores, and maps about 110,000–180,000 identities per ")
                .append("CPU-second in batches of 1,000.\n\n");
        md.append("| | upstream | ");
        md.append(String.join(" | ", labels)).append(" |\n| --- | ---: |");
        for (String ignored : labels) md.append(" ---: |");
        md.append('\n');
        upstreamRow("generate per CPU-second", "12,000–16,000", "generate");
        upstreamRow("refresh per CPU-second", "≈ 6,000 (12,000 on two cores)", "refresh");
        upstreamRow("identities mapped per CPU-second (v2, batch 1,000)", "110,000–180,000", "map-v2-1000");
        upstreamRow("identities mapped per CPU-second (v3, batch 1,000)", "110,000–180,000", "map-v3-1000");
        md.append('\n');
    }

    private void upstreamRow(String name, String upstream, String scenario) {
        md.append("| ").append(name).append(" | ").append(upstream).append(" |");
        for (String l : labels) {
            md.append(' ').append(r.load(l, scenario, false).map(n -> String.format("%,.0f", Results.perCpuSecond(n)))
                    .orElse("–")).append(" |");
        }
        md.append('\n');
    }
}

package org.openuid.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

import static org.openuid.bench.report.Fmt.count;
import static org.openuid.bench.report.Fmt.fmt;
import static org.openuid.bench.report.Fmt.pct;

/** The targets and, per JDK, whether this run met them. */
final class SummarySection extends Section {
    static final double FLOOR_TARGET = 0.7;
    static final double MAP_AB_TARGET = 1.5;
    static final double P99_TARGET_MS = 5;
    static final double COLD_START_TARGET_S = 1.5;
    static final double HEAP_TARGET_BYTES = 1024.0 * 1024 * 1024;
    static final List<String> MAP_SCENARIOS = List.of("map-v2-1000", "map-v2-5000", "map-v3-1000", "map-v3-5000");

    private final AbRuns ab;

    SummarySection(Report report, AbRuns ab) {
        super(report);
        this.ab = ab;
    }

    @Override
    void write() {
        md.append("## Summary\n\n");
        perJdkHeader("Target");
        for (String s : List.of("generate", "refresh")) {
            row("`/v2/token/" + s + "`: requests per server CPU-second ≥ " + pct(FLOOR_TARGET) + " of the bare HTTP "
                    + "exchange's (`http-floor`), [in alternating windows](" + PairedSection.ANCHOR + ")",
                    l -> f.tokenFloorShare(l, s), FLOOR_TARGET, true, Fmt::pct);
            if (labels.stream().anyMatch(l -> r.paired(l, s).isPresent())) {
                row("(information) the same from the best windows of each scenario's own run (*Load results*)",
                        l -> f.floorShare(l, s), Double.NaN, true, Fmt::pct);
            }
            row("(information) the same as a share of the crypto-only ceiling", l -> f.ceilingShare(l, s), Double.NaN,
                    true, Fmt::pct);
        }
        for (String s : MAP_SCENARIOS) mapRow(s);
        for (String s : List.of("generate", "refresh")) {
            row("p99 latency of " + s + " at half of saturation (sent → answered) ≤ " + fmt(P99_TARGET_MS) + " ms; "
                            + "[where the tail comes from](#where-the-latency-tail-comes-from)",
                    l -> r.load(l, s, true).map(n -> n.path("service_p99_ms").asDouble()).orElse(Double.NaN),
                    P99_TARGET_MS, false, v -> fmt(v) + " ms");
        }
        row("cold start to the first answered generate with the default start command (second start, 1,048,576 "
                + "buckets) ≤ " + COLD_START_TARGET_S + " s", l -> f.coldStartMedian(l, f.defaultStart(l)),
                COLD_START_TARGET_S, false, v -> String.format("%.2f s", v));
        row("the same with the plain JVM start (`java -jar openuid.jar serve`)", l -> f.coldStartMedian(l, "plain"),
                COLD_START_TARGET_S, false, v -> String.format("%.2f s", v));
        row("the same with an application class-data archive (AppCDS)", l -> f.coldStartMedian(l, "appcds"),
                COLD_START_TARGET_S, false, v -> String.format("%.2f s", v));
        if (labels.stream().anyMatch(l -> !Double.isNaN(f.coldStartMedian(l, "aot")))) {
            row("the same with an ahead-of-time cache (`-XX:AOTCache`, JDK 25)", l -> f.coldStartMedian(l, "aot"),
                    COLD_START_TARGET_S, false, v -> String.format("%.2f s", v));
        }
        row("heap with 1,048,576 buckets and 10,000,000 opt-outs ≤ 1 GiB", f::heapTotal, HEAP_TARGET_BYTES, false,
                v -> String.format("%,.0f MiB", v / 1048576));
        md.append('\n');
        md.append("A ✅ marks a met target, ❌ a missed one; rows marked *information* have no target. Shares are of ")
                .append("figures measured in the same run on the same JDK: the bare HTTP exchange is `GET /ops/healthcheck` ")
                .append("through the same server and router, no cryptography (*Load results*); the crypto-only ceiling is ")
                .append("below. Identity map is compared with the code before its optimisation in an interleaved A/B run ")
                .append("(*A/B of each kept change*); without one, the figure is shown alone. ");
        if (labels.stream().allMatch(l -> f.defaultStart(l).equals("plain"))) {
            md.append("The default start command is the plain JVM start in this run. ");
        }
        floorSentence();
        md.append("\n\n");
    }

    private void mapRow(String s) {
        if (labels.stream().allMatch(l -> Double.isNaN(f.perCpuSecond(l, s)))) return;
        md.append("| identity map ").append(s.substring(4).replace("-", ", batch ")).append(": identities per server ")
                .append("CPU-second ≥ ").append(MAP_AB_TARGET).append("× the figure before the optimisation (A/B) |");
        for (String l : labels) {
            double v = f.perCpuSecond(l, s);
            double ratio = ab.ratio(l, s);
            md.append(' ').append(count(v));
            if (!Double.isNaN(ratio)) {
                md.append(", ").append(String.format("%.2f×", ratio)).append(ratio >= MAP_AB_TARGET ? " ✅" : " ❌");
            }
            md.append(" |");
        }
        md.append('\n');
    }

    /** A row with one figure per JDK; a NaN target marks nothing. */
    private void row(String name, ToDoubleFunction<String> m, double target, boolean higherIsBetter, DoubleFunction<String> fmt) {
        md.append("| ").append(name).append(" |");
        for (String l : labels) {
            double v = m.applyAsDouble(l);
            if (Double.isNaN(v)) {
                md.append(" – |");
                continue;
            }
            String mark = Double.isNaN(target) ? "" : (higherIsBetter ? v >= target : v <= target) ? " ✅" : " ❌";
            md.append(' ').append(fmt.apply(v)).append(mark).append(" |");
        }
        md.append('\n');
    }

    private void floorSentence() {
        String l = labels.isEmpty() ? null : labels.get(0);
        if (l == null || r.load(l, "http-floor", false).isEmpty() || r.load(l, "generate", false).isEmpty()
                || Double.isNaN(r.ceiling(l, "generate"))) {
            return;
        }
        JsonNode floor = r.load(l, "http-floor", false).get();
        double floorRate = Results.perCpuSecond(floor);
        md.append("On ").append(l).append(" a bare HTTP exchange costs ")
                .append(String.format("%.1f µs", 1e6 / floorRate)).append(" of server CPU (")
                .append(count(floorRate)).append(" requests per CPU-second, ").append(pct(Figures.sysShare(floor)))
                .append(" of it in the kernel's TCP stack), and all the cryptography of a generate ")
                .append(String.format("%.1f µs", 1e6 / r.ceiling(l, "generate"))).append(". A server that did nothing but ")
                .append("the two would reach ").append(count(f.cryptoPlusHttp(l, "generate"))).append(" generates per ")
                .append("CPU-second (").append(pct(f.cryptoPlusHttp(l, "generate") / floorRate)).append(" of the bare ")
                .append("exchange); the operator reaches ").append(pct(f.perCpuSecond(l, "generate")
                        / f.cryptoPlusHttp(l, "generate"))).append(" of that bound.");
    }
}

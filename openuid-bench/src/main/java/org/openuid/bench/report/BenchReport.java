package org.openuid.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code docs/BENCHMARKS.md} and {@code docs/benchmarks.png} from the output directory of
 * {@code bench/run-all.sh}: {@code BenchReport --in bench/out --out docs [--notes bench/notes.md] [--ab bench/ab]}.
 * Every figure in the report comes from that one run, except the A/B summaries ({@code bench/ab/*.md}, one per kept
 * change, each from its own interleaved run); the notes file (hand-written: what was optimised and why) is appended
 * as is. Each section is a class of its own ({@link Section}).
 */
public final class BenchReport {
    static final List<String> TOKEN_SCENARIOS = List.of("generate", "generate-email", "refresh", "validate");

    private final Results r;
    private final AbRuns ab;
    private final Section.Report report;

    BenchReport(Results r, AbRuns ab) {
        this.r = r;
        this.ab = ab;
        this.report = new Section.Report(r, new Figures(r), r.labels(), new StringBuilder());
    }

    public static void main(String[] args) throws IOException {
        Path in = Path.of("bench/out");
        Path out = Path.of("docs");
        Path notes = Path.of("bench/notes.md");
        Path abDir = Path.of("bench/ab");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--in" -> in = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--notes" -> notes = Path.of(args[i + 1]);
                case "--ab" -> abDir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Locale.setDefault(Locale.ROOT);
        BenchReport report = new BenchReport(new Results(in), new AbRuns(abDir));
        report.chart(out.resolve("benchmarks.png"));
        String md = report.markdown(Files.exists(notes) ? Files.readString(notes, StandardCharsets.UTF_8) : "");
        Files.writeString(out.resolve("BENCHMARKS.md"), md, StandardCharsets.UTF_8);
        System.out.println("wrote " + out.resolve("BENCHMARKS.md") + " and " + out.resolve("benchmarks.png"));
    }

    /** The whole page, with the notes appended before the commands. */
    String markdown(String notes) throws IOException {
        StringBuilder md = report.md();
        md.setLength(0);
        md.append("# Benchmarks\n\n");
        md.append("What an OpenUID operator costs per token and per mapped identity, how close it runs to the cost of a ")
                .append("bare HTTP exchange and of its own cryptography, where its latency tail comes from, and what ")
                .append("dominates the rest. Every figure on this page comes from one run of `bench/run-all.sh`")
                .append(envLine()).append(", except the A/B summaries of the kept changes. Regenerate it with ")
                .append("`bench/run-all.sh` (see [Commands](#commands)); the raw results stay in `bench/out/`.\n\n");
        md.append("![Server throughput per CPU-second against the bare HTTP exchange](benchmarks.png)\n\n");
        for (Section s : List.of(new SummarySection(report, ab), new MethodSection(report), new LoadSection(report),
                new PairedSection(report),
                new LatencySection(report), new StartHeapSection(report), new ProfileSection(report),
                new ConclusionSection(report), new AbSection(report, ab))) {
            s.write();
        }
        if (!notes.isBlank()) md.append(notes.strip()).append("\n\n");
        commands();
        return md.toString();
    }

    private String envLine() {
        Map<String, String> e = r.env;
        List<String> parts = new ArrayList<>();
        if (e.containsKey("date")) parts.add("on " + e.get("date"));
        if (e.containsKey("commit")) parts.add("at commit `" + e.get("commit") + "`");
        if (e.containsKey("cpu")) parts.add("on " + e.get("cpu") + " (" + e.getOrDefault("cores", "?") + " cores, shared)");
        return parts.isEmpty() ? "" : " " + String.join(" ", parts);
    }

    private void commands() {
        StringBuilder md = report.md();
        md.append("## Commands\n\n");
        md.append("Everything above was produced by\n\n```sh\nbench/run-all.sh\n```\n\n");
        md.append("which ran, in this order:\n\n```sh\n").append(r.commands.strip()).append("\n```\n\n");
        if (!r.env.isEmpty()) {
            md.append("Environment:\n\n");
            r.env.forEach((k, v) -> md.append("* ").append(k).append(": ").append(v).append('\n'));
            md.append('\n');
        }
    }

    /** Left: token endpoints as a share of the bare HTTP exchange, with the target; right: requests per CPU-second. */
    void chart(Path file) throws IOException {
        List<String> labels = report.labels();
        Figures f = report.figures();
        List<String> shareGroups = new ArrayList<>();
        for (String s : r.scenarios()) if (TOKEN_SCENARIOS.contains(s)) shareGroups.add(s);
        double[][] shares = new double[shareGroups.size()][labels.size()];
        double maxShare = 1;
        for (int i = 0; i < shareGroups.size(); i++) {
            for (int j = 0; j < labels.size(); j++) {
                shares[i][j] = f.floorShare(labels.get(j), shareGroups.get(i));
                if (!Double.isNaN(shares[i][j])) maxShare = Math.max(maxShare, shares[i][j] * 1.1);
            }
        }
        List<String> rateGroups = new ArrayList<>();
        for (String s : r.scenarios()) if (!SummarySection.MAP_SCENARIOS.contains(s)) rateGroups.add(s);
        double[][] rates = new double[rateGroups.size()][labels.size()];
        double maxRate = 1;
        for (int i = 0; i < rateGroups.size(); i++) {
            for (int j = 0; j < labels.size(); j++) {
                rates[i][j] = r.load(labels.get(j), rateGroups.get(i), false).map(Results::perCpuSecond).orElse(Double.NaN);
                if (!Double.isNaN(rates[i][j])) maxRate = Math.max(maxRate, rates[i][j] * 1.15);
            }
        }
        Chart.write(file, "OpenUID operator on one core: throughput per CPU-second", labels,
                new Chart.Panel("Share of the bare HTTP exchange (http-floor)", "% of http-floor", shareGroups, shares,
                        Fmt.niceMax(maxShare), SummarySection.FLOOR_TARGET, v -> 100 * v),
                new Chart.Panel("Requests per server CPU-second", "thousand requests per CPU-second", rateGroups, rates,
                        Fmt.niceMax(maxRate), Double.NaN, v -> v / 1000));
    }
}

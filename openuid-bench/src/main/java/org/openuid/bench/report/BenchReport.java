package org.openuid.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes {@code docs/BENCHMARKS.md} and {@code docs/benchmarks.png} from the output directory of
 * {@code bench/run-all.sh}: {@code BenchReport --in bench/out --out docs [--notes bench/notes.md]}. Every figure in
 * the report comes from that one run; the notes file (hand-written: what was optimised and why) is appended as is.
 */
public final class BenchReport {
    static final double TOKEN_TARGET = 0.5;
    static final double MAP_TARGET = 0.5;
    static final double P99_TARGET_MS = 5;
    static final double COLD_START_TARGET_S = 1.5;
    static final double HEAP_TARGET_BYTES = 1024.0 * 1024 * 1024;
    static final List<String> TOKEN_SCENARIOS = List.of("generate", "generate-email", "refresh");
    static final List<String> MAP_SCENARIOS = List.of("map-v2-1000", "map-v2-5000", "map-v3-1000", "map-v3-5000");

    private final Results r;
    private final List<String> labels;
    private final StringBuilder md = new StringBuilder();

    private BenchReport(Results r) {
        this.r = r;
        this.labels = r.labels();
    }

    public static void main(String[] args) throws IOException {
        Path in = Path.of("bench/out");
        Path out = Path.of("docs");
        Path notes = Path.of("bench/notes.md");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--in" -> in = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--notes" -> notes = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Locale.setDefault(Locale.ROOT);
        BenchReport report = new BenchReport(new Results(in));
        report.chart(out.resolve("benchmarks.png"));
        report.write(Files.exists(notes) ? Files.readString(notes, StandardCharsets.UTF_8) : "");
        Files.writeString(out.resolve("BENCHMARKS.md"), report.md.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out.resolve("BENCHMARKS.md") + " and " + out.resolve("benchmarks.png"));
    }

    private void write(String notes) throws IOException {
        md.append("# Benchmarks\n\n");
        md.append("What an OpenUID operator costs per token and per mapped identity, how close it runs to the cost of its ")
                .append("own cryptography, and what dominates the rest. Every figure on this page comes from one run of ")
                .append("`bench/run-all.sh`").append(envLine()).append(". Regenerate it with `bench/run-all.sh` (see ")
                .append("[Commands](#commands)); the raw results stay in `bench/out/`.\n\n");
        md.append("![Server throughput per CPU-second against the crypto-only ceiling](benchmarks.png)\n\n");
        summary();
        method();
        loadTables();
        cpuBreakdown();
        halfSaturation();
        coldStart();
        heap();
        ceilingTable();
        profiles();
        jmhTable();
        recommendation();
        upstream();
        if (!notes.isBlank()) md.append(notes.strip()).append("\n\n");
        commands();
    }

    private String envLine() {
        Map<String, String> e = r.env;
        List<String> parts = new ArrayList<>();
        if (e.containsKey("date")) parts.add("on " + e.get("date"));
        if (e.containsKey("commit")) parts.add("at commit `" + e.get("commit") + "`");
        if (e.containsKey("cpu")) parts.add("on " + e.get("cpu") + " (" + e.getOrDefault("cores", "?") + " cores, shared)");
        return parts.isEmpty() ? "" : " " + String.join(" ", parts);
    }

    // ---------------------------------------------------------------- summary

    private void summary() {
        md.append("## Summary\n\n");
        md.append("| Target |");
        for (String l : labels) md.append(' ').append(l).append(" |");
        md.append("\n| --- |");
        for (String ignored : labels) md.append(" ---: |");
        md.append('\n');
        for (String s : List.of("generate", "refresh")) {
            row("`/v2/token/" + s + "`: requests per server CPU-second ≥ " + pct(TOKEN_TARGET) + " of the crypto-only ceiling",
                    l -> share(l, s), TOKEN_TARGET, true);
        }
        for (String s : MAP_SCENARIOS) {
            row("identity map " + s.substring(4).replace("-", ", batch ") + ": identities per server CPU-second ≥ "
                    + pct(MAP_TARGET) + " of the two-SHA-256 ceiling", l -> share(l, s), MAP_TARGET, true);
        }
        for (String s : List.of("generate", "refresh")) {
            rowValue("p99 latency of " + s + " at half of saturation (sent → answered) ≤ " + fmt(P99_TARGET_MS) + " ms",
                    l -> r.load(l, s, true).map(n -> n.path("service_p99_ms").asDouble()).orElse(Double.NaN),
                    P99_TARGET_MS, false, v -> fmt(v) + " ms");
        }
        rowValue("cold start to the first answered generate (second start, 1,048,576 buckets) ≤ " + COLD_START_TARGET_S + " s",
                this::coldStartMedian, COLD_START_TARGET_S, false, v -> String.format("%.2f s", v));
        rowValue("the same with an application class-data archive (AppCDS) ≤ " + COLD_START_TARGET_S + " s",
                l -> coldStartMedian(l, "appcds"), COLD_START_TARGET_S, false, v -> String.format("%.2f s", v));
        if (labels.stream().anyMatch(l -> !Double.isNaN(coldStartMedian(l, "aot")))) {
            rowValue("the same with an ahead-of-time cache (`-XX:AOTCache`, JDK 25) ≤ " + COLD_START_TARGET_S + " s",
                    l -> coldStartMedian(l, "aot"), COLD_START_TARGET_S, false, v -> String.format("%.2f s", v));
        }
        rowValue("heap with 1,048,576 buckets and 10,000,000 opt-outs ≤ 1 GiB", this::heapTotal, HEAP_TARGET_BYTES, false,
                v -> String.format("%,.0f MiB", v / 1048576));
        md.append('\n');
        md.append("A ✅ marks a met target, ❌ a missed one. Shares are of the crypto-only ceiling measured in the same run ")
                .append("on the same JDK (next sections). ");
        httpFloorSentence();
        md.append("\n\n");
    }

    private interface Metric {
        double of(String label);
    }

    private interface Format {
        String of(double v);
    }

    private void row(String name, Metric m, double target, boolean higherIsBetter) {
        rowValue(name, m, target, higherIsBetter, BenchReport::pct);
    }

    private void rowValue(String name, Metric m, double target, boolean higherIsBetter, Format f) {
        md.append("| ").append(name).append(" |");
        for (String l : labels) {
            double v = m.of(l);
            if (Double.isNaN(v)) {
                md.append(" – |");
                continue;
            }
            boolean met = higherIsBetter ? v >= target : v <= target;
            md.append(' ').append(f.of(v)).append(met ? " ✅" : " ❌").append(" |");
        }
        md.append('\n');
    }

    /** Share of the ceiling a scenario's saturation run reached (NaN when not measured or invalid). */
    private double share(String label, String scenario) {
        Optional<JsonNode> n = r.load(label, scenario, false);
        if (n.isEmpty() || !n.get().path("valid").asBoolean()) return Double.NaN;
        return Results.perCpuSecond(n.get()) / r.ceilingFor(label, scenario);
    }

    /** The most a server could do per CPU-second if each request cost its crypto plus a bare HTTP exchange. */
    private double cryptoPlusHttp(String label, String scenario) {
        double floor = r.load(label, "http-floor", false).map(Results::perCpuSecond).orElse(Double.NaN);
        double ceiling = r.ceilingFor(label, scenario);
        return 1 / (1 / ceiling + 1 / floor);
    }

    private void httpFloorSentence() {
        String l = labels.isEmpty() ? null : labels.get(0);
        if (l == null || r.load(l, "http-floor", false).isEmpty() || r.load(l, "generate", false).isEmpty()) return;
        JsonNode floor = r.load(l, "http-floor", false).get();
        JsonNode gen = r.load(l, "generate", false).get();
        double floorRate = Results.perCpuSecond(floor);
        double sys = sysShare(floor);
        md.append("The token targets are out of reach on this machine for a reason outside the operator's code: a bare ")
                .append("HTTP exchange (`GET /ops/healthcheck` through the same server and router, no cryptography) costs ")
                .append(String.format("%.1f µs", 1e6 / floorRate)).append(" of server CPU (")
                .append(String.format("%,.0f", floorRate)).append(" requests per CPU-second on ").append(l).append(", ")
                .append(pct(sys)).append(" of it in the kernel's TCP stack), while all the cryptography of a generate costs ")
                .append(String.format("%.1f µs", 1e6 / r.ceiling(l, "generate"))).append(". A server that did nothing but ")
                .append("the bare exchange and the cryptography would reach ")
                .append(String.format("%,.0f", cryptoPlusHttp(l, "generate"))).append(" generates per CPU-second, ")
                .append(pct(cryptoPlusHttp(l, "generate") / r.ceiling(l, "generate"))).append(" of the crypto-only ceiling; ")
                .append("the operator reaches ").append(pct(Results.perCpuSecond(gen) / cryptoPlusHttp(l, "generate")))
                .append(" of that bound.");
    }

    private static double sysShare(JsonNode load) {
        double user = 0;
        double sys = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = load.path("server_threads").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            user += e.getValue().get(0).asDouble();
            sys += e.getValue().get(1).asDouble();
        }
        return sys / (user + sys);
    }

    // ---------------------------------------------------------------- method

    private void method() {
        md.append("## How it is measured\n\n");
        md.append("* **Server**: `openuid serve` on an embedded store with 1,048,576 salt buckets, pinned to core 0 with ")
                .append("`taskset` (so it runs one event loop), key and salt rotation off, client-side generate rate limits ")
                .append("off. **Load driver** (`org.openuid.bench.load.LoadDriver`) pinned to core 1: raw `java.nio` ")
                .append("HTTP/1.1 keep-alive connections on one thread, one request in flight per connection, requests ")
                .append("built in advance (valid, distinct identities, envelope timestamps renewed every minute); the ")
                .append("driver's JVM runs a low-pause collector (`DRIVER_OPTS`, ZGC by default) so that its own pauses ")
                .append("stay out of the latency figures.\n");
        md.append("* **Unit: server CPU time.** The driver reads the server's `utime + stime` from `/proc/<pid>/stat` ")
                .append("when a measurement window opens and closes, so throughput is counted per second of server CPU, ")
                .append("not per second of wall time. On a machine shared with other work the wall-time rate moves with ")
                .append("the neighbours; the rate per CPU-second moves much less, but not nothing (caches, the kernel). A ")
                .append("saturation run is therefore measured in three windows after its warm-up (JIT) and reported by ")
                .append("the best one, as the ceiling is (best of five rounds); all windows are listed. A run with any ")
                .append("answer other than 200 is invalid and is marked as such.\n");
        md.append("* **Crypto-only ceiling** (`CryptoCeiling`, `CeilingProbe`, `CryptoCeilingBenchmark`): the bare JCA ")
                .append("operations one request strictly needs, at the real sizes, with one `Cipher` per long-lived key, ")
                .append("counter IVs, no HTTP, JSON, Base64 or random numbers, measured per CPU-second of its thread on the ")
                .append("server's core and JDK, right before the load runs (best of five rounds, so the ratio is ")
                .append("conservative). generate = envelope GCM open + 2 SHA-256 (first-level hash, raw UID) + advertising ")
                .append("token (2 GCM seals) + refresh token GCM seal + wrapper GCM seal + response envelope GCM seal; ")
                .append("generate-email adds the SHA-256 of the email; refresh = wrapper GCM open + refresh token GCM open + ")
                .append("SHA-256 + the same four seals + the response GCM seal under the response key (whose AES key ")
                .append("schedule is computed each time); identity map = 2 SHA-256 per identity.\n");
        md.append("* **JMH** microbenchmarks run briefly (wall time, so noisy on a shared machine: read them for orders ")
                .append("of magnitude and for comparisons within one table).\n\n");
    }

    // ---------------------------------------------------------------- load

    private void loadTables() {
        md.append("## Load results\n\n");
        md.append("Saturation runs (closed loop). *per CPU-s* is per second of server CPU time; identity map rows count ")
                .append("identities. *share* is of the crypto-only ceiling of that endpoint.\n\n");
        for (String l : labels) {
            md.append("### ").append(l).append("\n\n");
            md.append("| Scenario | conns | req/s | identities/s | p50 ms | p99 ms | p99.9 ms | non-200 | server CPU s | ")
                    .append("driver CPU s | per CPU-s | windows (req/CPU-s) | ceiling per CPU-s | share |\n");
            md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (String s : r.scenarios()) {
                Optional<JsonNode> o = r.load(l, s, false);
                if (o.isEmpty()) continue;
                JsonNode n = o.get();
                double ceiling = r.ceilingFor(l, s);
                md.append("| ").append(s).append(n.path("valid").asBoolean() ? "" : " (INVALID)").append(" | ")
                        .append(n.path("connections").asInt()).append(" | ")
                        .append(String.format("%,.0f", n.path("requests_per_second").asDouble())).append(" | ")
                        .append(String.format("%,.0f", n.path("identities_per_second").asDouble())).append(" | ")
                        .append(fmt(n.path("p50_ms").asDouble())).append(" | ")
                        .append(fmt(n.path("p99_ms").asDouble())).append(" | ")
                        .append(fmt(n.path("p999_ms").asDouble())).append(" | ")
                        .append(n.path("non200").asLong()).append(" | ")
                        .append(fmt(n.path("server_cpu_seconds").asDouble())).append(" | ")
                        .append(fmt(n.path("driver_cpu_seconds").asDouble())).append(" | ")
                        .append(String.format("%,.0f", Results.perCpuSecond(n))).append(" | ")
                        .append(windows(n)).append(" | ")
                        .append(Double.isNaN(ceiling) ? "–" : String.format("%,.0f", ceiling)).append(" | ")
                        .append(Double.isNaN(ceiling) ? "–" : pct(Results.perCpuSecond(n) / ceiling)).append(" |\n");
            }
            md.append('\n');
        }
    }

    /** The per-window rates of a run, e.g. {@code 41,200 – 45,900}. */
    private static String windows(JsonNode load) {
        double min = Double.MAX_VALUE;
        double max = 0;
        int count = 0;
        for (JsonNode v : load.path("rounds_requests_per_cpu_second")) {
            min = Math.min(min, v.asDouble());
            max = Math.max(max, v.asDouble());
            count++;
        }
        if (count < 2) return "–";
        return String.format("%,.0f – %,.0f", min, max);
    }

    private void cpuBreakdown() {
        md.append("## Where the server's CPU time goes\n\n");
        md.append("CPU seconds of the server's threads during each measurement window (user + kernel), from ")
                .append("`/proc/<pid>/task/*/stat`; thread names are grouped (all event loops, all compiler threads).\n\n");
        for (String l : labels) {
            md.append("| ").append(l).append(" | event loop user | event loop kernel | workers | JIT | GC & VM | other |\n");
            md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (String s : r.scenarios()) {
                Optional<JsonNode> o = r.load(l, s, false);
                if (o.isEmpty()) continue;
                double loopUser = 0, loopSys = 0, workers = 0, jit = 0, gc = 0, other = 0;
                for (Iterator<Map.Entry<String, JsonNode>> it = o.get().path("server_threads").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    double u = e.getValue().get(0).asDouble();
                    double k = e.getValue().get(1).asDouble();
                    String name = e.getKey();
                    if (name.startsWith("vert.x-eventloo")) {
                        loopUser += u;
                        loopSys += k;
                    } else if (name.startsWith("openuid-advert") || name.startsWith("vert.x-worker")) {
                        workers += u + k;
                    } else if (name.contains("Compiler")) {
                        jit += u + k;
                    } else if (name.startsWith("GC") || name.startsWith("G1") || name.equals("VM Thread")) {
                        gc += u + k;
                    } else {
                        other += u + k;
                    }
                }
                md.append("| ").append(s).append(" | ").append(fmt(loopUser)).append(" | ").append(fmt(loopSys)).append(" | ")
                        .append(fmt(workers)).append(" | ").append(fmt(jit)).append(" | ").append(fmt(gc)).append(" | ")
                        .append(fmt(other)).append(" |\n");
            }
            md.append('\n');
        }
    }

    private void halfSaturation() {
        md.append("## Latency at half of saturation\n\n");
        md.append("The same scenario at a fixed rate of half the throughput its saturation run reached (one window of ")
                .append("the full duration, 256 connections). *From due* counts each request's latency from the moment it was ")
                .append("due, so a request waiting for a free connection, or for the driver itself to get its core back, ")
                .append("waits on the clock; *sent → answered* counts from the moment it was written to its connection, ")
                .append("which leaves the driver's own delays out (the target is read on this one).\n\n");
        md.append("| JDK | Scenario | rate req/s | p50 ms (from due) | p99 ms (from due) | p99.9 ms (from due) | max ms | ")
                .append("p99 ms (sent → answered) | p99.9 ms (sent → answered) | non-200 |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String l : labels) {
            for (String s : r.scenarios()) {
                Optional<JsonNode> o = r.load(l, s, true);
                if (o.isEmpty()) continue;
                JsonNode n = o.get();
                md.append("| ").append(l).append(" | ").append(s).append(" | ")
                        .append(String.format("%,.0f", n.path("rate").asDouble())).append(" | ")
                        .append(fmt(n.path("p50_ms").asDouble())).append(" | ").append(fmt(n.path("p99_ms").asDouble()))
                        .append(" | ").append(fmt(n.path("p999_ms").asDouble())).append(" | ")
                        .append(fmt(n.path("max_ms").asDouble())).append(" | ")
                        .append(fmt(n.path("service_p99_ms").asDouble())).append(" | ")
                        .append(fmt(n.path("service_p999_ms").asDouble())).append(" | ")
                        .append(n.path("non200").asLong()).append(" |\n");
            }
        }
        md.append('\n');
    }

    // ---------------------------------------------------------------- cold start and heap

    private double coldStartMedian(String label) {
        return coldStartMedian(label, "plain");
    }

    private double coldStartMedian(String label, String what) {
        List<Double> v = new ArrayList<>();
        for (JsonNode n : r.ofType("coldstart", label)) {
            if (n.path("what").asText("plain").equals(what)) v.add(n.path("seconds").asDouble());
        }
        if (v.isEmpty()) return Double.NaN;
        v.sort(Double::compare);
        return v.get(v.size() / 2);
    }

    private void coldStart() {
        md.append("## Cold start\n\n");
        md.append("From launching `java -jar openuid.jar serve` (second start: the store with 1,048,576 buckets exists) to ")
                .append("the first generate request answered 200, polled every 5 ms by the driver; the server pinned to one ")
                .append("core. *appcds*: the same with `-XX:SharedArchiveFile=` an application class-data archive that a ")
                .append("training run (start, a few requests of every kind, stop) wrote with `-XX:ArchiveClassesAtExit=`. ")
                .append("*aot* (JDK 25 and later): the same with `-XX:AOTCache=` a cache that such a training run wrote ")
                .append("with `-XX:AOTCacheOutput=` (classes loaded and linked, plus the training run's method profiles). ")
                .append("How to use either in production: [deployment.md](deployment.md#jvm-and-start-up).\n\n");
        md.append("| JDK | start | runs (s) | median (s) |\n| --- | --- | --- | ---: |\n");
        for (String l : labels) {
            for (String what : List.of("plain", "appcds", "aot")) {
                List<String> runs = new ArrayList<>();
                for (JsonNode n : r.ofType("coldstart", l)) {
                    if (n.path("what").asText("plain").equals(what)) runs.add(String.format("%.2f", n.path("seconds").asDouble()));
                }
                if (runs.isEmpty()) continue;
                md.append("| ").append(l).append(" | ").append(what).append(" | ").append(String.join(", ", runs)).append(" | ")
                        .append(String.format("%.2f", coldStartMedian(l, what))).append(" |\n");
            }
        }
        md.append('\n');
    }

    /** Server heap in use after a full GC with 1M buckets, plus the measured heap of a 10M opt-out index. */
    private double heapTotal(String label) {
        double server = Double.NaN;
        for (JsonNode n : r.ofType("heap", label)) {
            if (n.path("what").asText().equals("server")) server = n.path("bytes").asDouble();
        }
        double index = Double.NaN;
        for (JsonNode n : r.ofType("heap-probe", label)) index = n.path("index_bytes").asDouble();
        for (JsonNode n : r.ofType("heap", label)) {
            if (n.path("what").asText().equals("server-with-optouts")) return n.path("bytes").asDouble();
        }
        return server + index;
    }

    private void heap() {
        md.append("## Heap\n\n");
        md.append("*Server* is the heap in use after a full GC (`jcmd GC.run`, then `GC.heap_info`) of a running server ")
                .append("with 1,048,576 salt buckets and no opt-outs, after its load runs. *Opt-out index* is the heap of ")
                .append("the server's own `OptOutIndex` holding 10,000,000 distinct opt-outs, measured in one JVM as the ")
                .append("difference of the heap in use after full GCs (`HeapProbe`; filling a store with ten million ")
                .append("opt-outs through the store API takes longer than the whole benchmark); the snapshot line is the ")
                .append("same measurement for the salt table alone. The index is the only part of the heap that grows ")
                .append("with opt-outs.\n\n");
        md.append("| JDK | server, 1M buckets (MiB) | snapshot alone (MiB) | opt-out index, 10M (MiB) | bytes per opt-out | total (MiB) |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (String l : labels) {
            double server = Double.NaN;
            for (JsonNode n : r.ofType("heap", l)) if (n.path("what").asText().equals("server")) server = n.path("bytes").asDouble();
            double snapshot = Double.NaN;
            double index = Double.NaN;
            double perOptOut = Double.NaN;
            for (JsonNode n : r.ofType("heap-probe", l)) {
                snapshot = n.path("snapshot_bytes").asDouble();
                index = n.path("index_bytes").asDouble();
                perOptOut = index / n.path("optouts").asDouble();
            }
            md.append("| ").append(l).append(" | ").append(mib(server)).append(" | ").append(mib(snapshot)).append(" | ")
                    .append(mib(index)).append(" | ").append(fmt(perOptOut)).append(" | ").append(mib(heapTotal(l)))
                    .append(" |\n");
        }
        md.append('\n');
    }

    // ---------------------------------------------------------------- ceiling, profile, JMH

    private void ceilingTable() {
        md.append("## Crypto-only ceiling\n\n");
        md.append("| Operation |");
        for (String l : labels) md.append(' ').append(l).append(" per CPU-s | µs |");
        md.append("\n| --- |");
        for (String ignored : labels) md.append(" ---: | ---: |");
        md.append('\n');
        for (String op : List.of("generate", "generate-email", "refresh", "map-identity")) {
            md.append("| ").append(op).append(" |");
            for (String l : labels) {
                double c = r.ceiling(l, op);
                md.append(' ').append(String.format("%,.0f", c)).append(" | ").append(String.format("%.3f", 1e6 / c)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void profiles() throws IOException {
        md.append("## Profile of /v2/token/generate\n\n");
        md.append("A flight recording of the server (`-XX:StartFlightRecording`, CPU samples every millisecond) during a ")
                .append("separate saturated generate run, summarised by `org.openuid.bench.JfrSummary`. Samples cover ")
                .append("Java code only: the kernel time of the table above is not in them. Self time around intrinsics ")
                .append("(SHA-256, AES, GHASH stubs) is attributed to the calling Java frame, so read the *area* table ")
                .append("rather than single frames.\n\n");
        for (String l : labels) {
            Optional<String> p = r.profile(l);
            if (p.isEmpty()) continue;
            md.append("### ").append(l).append("\n\n").append(p.get().strip()).append("\n\n");
        }
    }

    private void jmhTable() throws IOException {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        for (String l : labels) {
            Optional<JsonNode> j = r.jmh(l);
            if (j.isEmpty()) continue;
            for (JsonNode b : j.get()) {
                String name = b.path("benchmark").asText().replace("org.openuid.bench.", "");
                StringBuilder params = new StringBuilder();
                for (Iterator<Map.Entry<String, JsonNode>> it = b.path("params").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.append(params.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().asText());
                }
                String key = name + (params.isEmpty() ? "" : " (" + params + ")");
                JsonNode m = b.path("primaryMetric");
                rows.computeIfAbsent(key, k -> new TreeMap<>()).put(l, String.format("%,.1f ± %,.1f",
                        m.path("score").asDouble(), m.path("scoreError").asDouble()));
            }
        }
        if (rows.isEmpty()) return;
        md.append("## Microbenchmarks (JMH, ns per operation)\n\n");
        md.append("| Benchmark |");
        for (String l : labels) md.append(' ').append(l).append(" |");
        md.append("\n| --- |");
        for (String ignored : labels) md.append(" ---: |");
        md.append('\n');
        rows.forEach((name, byLabel) -> {
            md.append("| `").append(name).append("` |");
            for (String l : labels) md.append(' ').append(byLabel.getOrDefault(l, "–")).append(" |");
            md.append('\n');
        });
        md.append('\n');
    }

    // ---------------------------------------------------------------- conclusions

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

    private void commands() {
        md.append("## Commands\n\n");
        md.append("Everything above was produced by\n\n```sh\nbench/run-all.sh\n```\n\n");
        md.append("which ran, in this order:\n\n```sh\n").append(r.commands.strip()).append("\n```\n\n");
        if (!r.env.isEmpty()) {
            md.append("Environment:\n\n");
            r.env.forEach((k, v) -> md.append("* ").append(k).append(": ").append(v).append('\n'));
            md.append('\n');
        }
    }

    // ---------------------------------------------------------------- chart

    private void chart(Path file) throws IOException {
        List<String> shareGroups = new ArrayList<>();
        for (String s : r.scenarios()) if (TOKEN_SCENARIOS.contains(s) || MAP_SCENARIOS.contains(s)) shareGroups.add(s);
        double[][] shares = new double[shareGroups.size()][labels.size()];
        double maxShare = 0.6;
        for (int i = 0; i < shareGroups.size(); i++) {
            for (int j = 0; j < labels.size(); j++) {
                shares[i][j] = share(labels.get(j), shareGroups.get(i));
                if (!Double.isNaN(shares[i][j])) maxShare = Math.max(maxShare, shares[i][j] * 1.1);
            }
        }
        List<String> rateGroups = new ArrayList<>();
        for (String s : r.scenarios()) if (!MAP_SCENARIOS.contains(s)) rateGroups.add(s);
        double[][] rates = new double[rateGroups.size()][labels.size()];
        double maxRate = 1;
        for (int i = 0; i < rateGroups.size(); i++) {
            for (int j = 0; j < labels.size(); j++) {
                String l = labels.get(j);
                rates[i][j] = r.load(l, rateGroups.get(i), false).map(Results::perCpuSecond).orElse(Double.NaN);
                if (!Double.isNaN(rates[i][j])) maxRate = Math.max(maxRate, rates[i][j] * 1.15);
            }
        }
        maxShare = niceMax(maxShare);
        maxRate = niceMax(maxRate);
        Chart.write(file, "OpenUID operator on one core: throughput per CPU-second", labels,
                new Chart.Panel("Share of the crypto-only ceiling", "% of ceiling", shareGroups, shares, maxShare,
                        TOKEN_TARGET, v -> 100 * v),
                new Chart.Panel("Requests per server CPU-second", "thousand requests per CPU-second", rateGroups, rates,
                        maxRate, Double.NaN, v -> v / 1000));
    }

    // ---------------------------------------------------------------- formatting

    /** The smallest of 1, 2, 2.5, 5 × 10^k that is at least {@code v} (round axis ends). */
    static double niceMax(double v) {
        double e = Math.pow(10, Math.floor(Math.log10(v)));
        double f = v / e;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * e;
    }

    static String pct(double v) {
        if (Double.isNaN(v)) return "–";
        return v < 0.1 ? String.format("%.1f %%", 100 * v) : String.format("%.0f %%", 100 * v);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "–";
        if (Math.abs(v) >= 100) return String.format("%,.0f", v);
        if (Math.abs(v) >= 10) return String.format("%.1f", v);
        return String.format("%.2f", v);
    }

    static String mib(double bytes) {
        return Double.isNaN(bytes) ? "–" : String.format("%,.0f", bytes / 1048576);
    }
}

package org.openuid.bench.load;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a running operator over HTTP/1.1 keep-alive and measures it (docs/BENCHMARKS.md).
 *
 * <pre>
 * LoadDriver run --url http://127.0.0.1:8080 --credentials data/demo-credentials.json --server-pid PID
 *                [--scenarios generate,refresh,...|all] [--connections N] [--warmup S] [--duration S]
 *                [--half-saturation generate,...] [--rounds 3] [--label TEXT] [--out results.jsonl] [--tail-dir DIR]
 *                [--rate R] [--driver-wait spin|block] [--settle S] [--paired-with http-floor [--pairs 4]]
 * LoadDriver coldstart --url ... --credentials FILE [--label TEXT] [--what TEXT] [--out FILE] [--log FILE] -- SERVER COMMAND...
 * LoadDriver heap --server-pid PID [--label TEXT] [--out FILE]
 * </pre>
 *
 * <p>{@code run} prepares each scenario (valid, distinct requests, checked once end to end), warms up, then measures
 * for the duration: requests and identities per second, latency percentiles, answers other than 200 (any makes the
 * run invalid) and the server's CPU seconds over the same window, read from {@code /proc/<pid>/stat}. With
 * {@code --half-saturation}, the scenario is run a second time at a fixed rate of half the throughput it just
 * reached, for the latency at half load; with {@code --tail-dir}, its requests at or above the p99 are written to
 * {@code DIR/tail-<label>-<scenario>.txt} ({@link Timeline}) for {@code org.openuid.bench.TailAnalysis}. With
 * {@code --rate}, each scenario runs only at that fixed rate (requests per second), as the half-saturation run does:
 * for comparing the latency of two server settings at the same load. With {@code --paired-with BASE}, each scenario
 * is measured in windows that alternate with windows of the base scenario ({@link PairedRun}): {@code --pairs} pairs
 * sharing the duration. {@code coldstart} starts a server command and times it to its first answered
 * generate request. {@code heap} runs a full GC in the server and reports the heap in use.
 */
public final class LoadDriver {
    private static final Map<String, Integer> DEFAULT_CONNECTIONS = Map.of(
            "map-v2-1000", 8, "map-v3-1000", 8, "map-v2-5000", 4, "map-v3-5000", 4, "cstg", 16);

    /** Whether the driver polls its selector without sleeping ({@code --driver-wait spin}, the default; see NioLoad). */
    private static boolean spin = true;

    /**
     * How much longer than {@code --warmup} a window's warm-up may last while the server's JIT compilers are still
     * busy ({@code --settle S}, default 30; 0 keeps the warm-up fixed). See {@link JitQuiet}.
     */
    private static long settleNanos = TimeUnit.SECONDS.toNanos(30);

    private LoadDriver() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LoadDriver run|coldstart|heap [options]; see the class documentation");
            System.exit(2);
        }
        Options o = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "run" -> run(o);
            case "coldstart" -> coldStart(o);
            case "heap" -> heap(o);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    private static void run(Options o) throws Exception {
        URI url = URI.create(o.get("url", "http://127.0.0.1:8080"));
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort());
        Credentials credentials = Credentials.read(Path.of(o.require("credentials")));
        long pid = Long.parseLong(o.require("server-pid"));
        ProcessCpu cpu = new ProcessCpu(pid);
        String label = o.get("label", "java-" + Runtime.version().feature());
        long warmup = nanos(o, "warmup", "5");
        long duration = nanos(o, "duration", "10");
        List<String> names = o.get("scenarios", "all").equals("all") ? Scenarios.ALL : List.of(o.get("scenarios", "").split(","));
        Set<String> half = new LinkedHashSet<>(List.of(o.get("half-saturation", "").split(",")));
        int rounds = Integer.parseInt(o.get("rounds", "3"));
        String driverWait = o.get("driver-wait", "spin");
        if (!driverWait.equals("spin") && !driverWait.equals("block")) {
            throw new IllegalArgumentException("--driver-wait must be spin or block");
        }
        spin = driverWait.equals("spin");
        settleNanos = nanos(o, "settle", "30");
        Path out = o.has("out") ? Path.of(o.get("out", "")) : null;
        Path tailDir = o.has("tail-dir") ? Path.of(o.get("tail-dir", "")) : null;
        HttpRequests http = new HttpRequests(url.getHost() + ":" + url.getPort());
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "request-rebuilder");
            t.setDaemon(true);
            return t;
        });
        boolean allValid = true;
        int pairs = Integer.parseInt(o.get("pairs", "4"));
        try (BlockingHttp setupConnection = new BlockingHttp(address)) {
            Setup setup = new Setup(credentials, http, setupConnection);
            Scenario base = null;
            if (o.has("paired-with")) {
                base = Scenarios.create(o.get("paired-with", "").trim());
                base.prepare(setup);
            }
            for (String name : names) {
                Scenario scenario = Scenarios.create(name.trim());
                scenario.prepare(setup);
                int connections = connections(o, scenario.name);
                ScheduledFuture<?> rebuilding = scenario.expires() ? refresher.scheduleWithFixedDelay(() -> {
                    try {
                        scenario.rebuild(System.currentTimeMillis());
                    } catch (Exception e) {
                        System.err.println("cannot rebuild requests of " + scenario.name + ": " + e);
                    }
                }, 60, 60, TimeUnit.SECONDS) : null;
                try {
                    if (base != null) {
                        PairedRun p = paired(address, base, connections(o, base.name), scenario, connections, pairs,
                                warmup, duration, cpu, label);
                        System.out.println(p.summary());
                        append(out, p.toJson().toString());
                        allValid &= p.valid();
                        continue;
                    }
                    if (o.has("rate")) {
                        allValid &= report(measure(address, scenario, Math.max(connections, HALF_LOAD_CONNECTIONS),
                                Double.parseDouble(o.get("rate", "")), warmup, duration, 1, cpu, label, tailDir == null ? null
                                        : tailDir.resolve("tail-" + label + "-" + scenario.name + ".txt")), out);
                        continue;
                    }
                    Result saturated = measure(address, scenario, connections, 0, warmup, duration, rounds, cpu, label,
                            null);
                    allValid &= report(saturated, out);
                    if (half.contains(scenario.name) && saturated.valid()) {
                        double rate = saturated.requestsPerSecond() / 2;
                        Result halfLoad = measure(address, scenario, Math.max(connections, HALF_LOAD_CONNECTIONS), rate,
                                warmup, duration, 1, cpu, label,
                                tailDir == null ? null : tailDir.resolve("tail-" + label + "-" + scenario.name + ".txt"));
                        allValid &= report(halfLoad, out);
                    }
                } finally {
                    if (rebuilding != null) rebuilding.cancel(false);
                }
            }
        } finally {
            refresher.shutdownNow();
        }
        if (!allValid) {
            System.err.println("INVALID: some run had answers other than 200 or connection errors");
            System.exit(1);
        }
    }

    /**
     * Connections of a fixed-rate run: enough that a request due finds a free one even while the server stalls for
     * several milliseconds, so that such a stall shows in the sent-to-answered latency too.
     */
    private static final int HALF_LOAD_CONNECTIONS = 256;

    /** Warm-up before each further round of a saturation run (new connections, steady state again). */
    private static final long ROUND_WARMUP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /**
     * A closed-loop run is measured in {@code rounds} windows of equal length and reported by its best window (most
     * requests per server CPU-second), as the crypto-only ceiling is: on a shared machine a window in which other
     * processes took the core, polluted its caches or delayed the driver says more about them than about the server.
     * Latency percentiles, answers other than 200 and errors are counted over all windows. A fixed-rate run is one
     * window.
     */
    private static Result measure(InetSocketAddress address, Scenario scenario, int connections, double rate,
                                  long warmup, long duration, int rounds, ProcessCpu cpu, String label, Path tail)
            throws IOException {
        int n = rate > 0 ? 1 : Math.max(1, rounds);
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        Histogram service = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        TreeMap<Integer, Long> statuses = new TreeMap<>();
        long errors = 0;
        String firstError = null;
        Window best = null;
        double[] perCpuSecond = new double[n];
        for (int i = 0; i < n; i++) {
            long planned = i == 0 ? warmup : ROUND_WARMUP_NANOS;
            Window w = window(address, scenario, connections, rate, planned, duration / n, cpu);
            if (w.outcome.warmupSeconds() > Math.max(planned / 1e9, 1.0) + 0.5) { // 1 s: the shortest settled check
                System.out.printf("%-14s warm-up %.1f s: the server's JIT compilers were still busy%n", scenario.name,
                        w.outcome.warmupSeconds());
            }
            if (tail != null && w.outcome.timeline() != null) {
                w.outcome.timeline().writeTail(tail, w.outcome.latencyNanos().getValueAtPercentile(99),
                        w.outcome.serviceNanos().getValueAtPercentile(99), w.runQueue == null ? "" : w.runQueue.lines());
            }
            latency.add(w.outcome.latencyNanos());
            service.add(w.outcome.serviceNanos());
            w.outcome.statuses().forEach((k, v) -> statuses.merge(k, v, Long::sum));
            errors += w.outcome.errors();
            if (firstError == null) firstError = w.outcome.firstError();
            perCpuSecond[i] = w.perCpuSecond();
            if (best == null || perCpuSecond[i] > best.perCpuSecond()) best = w;
        }
        long non200 = 0;
        for (var e : statuses.entrySet()) if (e.getKey() != 200) non200 += e.getValue();
        return new Result(label, scenario.name, connections, rate, best.outcome.seconds(), best.outcome.responses(),
                scenario.identitiesPerRequest, ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)),
                ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()), ms(service.getValueAtPercentile(99)),
                ms(service.getValueAtPercentile(99.9)), non200, errors, statuses, best.serverCpu, best.driverCpu,
                best.threads, best.waits, perCpuSecond, firstError);
    }

    /**
     * A scenario in windows alternating with the base scenario's ({@link PairedRun}): both warmed up first (each until
     * the JIT is quiet), then {@code pairs} pairs of windows of {@code duration / (2 pairs)} each.
     */
    private static PairedRun paired(InetSocketAddress address, Scenario base, int baseConnections, Scenario scenario,
                                    int connections, int pairs, long warmup, long duration, ProcessCpu cpu, String label)
            throws IOException {
        long each = duration / (2L * Math.max(1, pairs));
        long non200 = 0;
        long errors = 0;
        for (Window w : List.of(window(address, base, baseConnections, 0, warmup, ROUND_WARMUP_NANOS, cpu),
                window(address, scenario, connections, 0, warmup, ROUND_WARMUP_NANOS, cpu))) {
            non200 += w.outcome.non200();
            errors += w.outcome.errors();
        }
        double[] basePer = new double[pairs];
        double[] per = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            for (int k = 0; k < 2; k++) {
                boolean isBase = (k == 0) == PairedRun.baseFirst(i);
                Window w = window(address, isBase ? base : scenario, isBase ? baseConnections : connections, 0,
                        ROUND_WARMUP_NANOS, each, cpu);
                non200 += w.outcome.non200();
                errors += w.outcome.errors();
                (isBase ? basePer : per)[i] = w.perCpuSecond();
            }
        }
        return new PairedRun(label, scenario.name, base.name, each / 1e9, basePer, per, non200, errors);
    }

    /** Connections of a closed-loop run of a scenario: {@code --connections}, else the scenario's default. */
    private static int connections(Options o, String scenario) {
        return o.has("connections") ? Integer.parseInt(o.get("connections", ""))
                : DEFAULT_CONNECTIONS.getOrDefault(scenario, 32);
    }

    /** One measurement window and the CPU the server and the driver used in it. */
    private record Window(NioLoad.Outcome outcome, double serverCpu, double driverCpu, Map<String, double[]> threads,
                          Map<String, double[]> waits, RunQueueSampler runQueue) {
        /** Requests answered per second of server CPU in the window. */
        double perCpuSecond() {
            return outcome.responses() / serverCpu;
        }
    }

    private static Window window(InetSocketAddress address, Scenario scenario, int connections, double rate, long warmup,
                                 long duration, ProcessCpu cpu) throws IOException {
        double[] cpuAt = new double[4];
        List<Map<String, double[]>> threads = new ArrayList<>(List.of(Map.of(), Map.of()));
        List<Map<String, double[]>> waits = new ArrayList<>(List.of(Map.of(), Map.of()));
        ProcessCpu own = new ProcessCpu(ProcessHandle.current().pid());
        RunQueueSampler runQueue = rate > 0 ? new RunQueueSampler(cpu.pid(), RunQueueSampler.currentThread()) : null;
        JitQuiet jit = new JitQuiet(cpu::compilerSeconds, System::nanoTime);
        NioLoad.Outcome outcome = new NioLoad(address, connections, scenario.requests(), spin).run(warmup, settleNanos,
                duration, rate, new NioLoad.WindowListener() {
                    @Override public boolean settled() {
                        return jit.quiet();
                    }

                    @Override public void warming() {
                        if (runQueue != null) runQueue.start(); // sampling from the warm-up on, so it is compiled
                    }

                    @Override public void opened() {
                        cpuAt[0] = cpu.seconds();
                        cpuAt[2] = own.seconds();
                        threads.set(0, cpu.threads());
                        waits.set(0, cpu.waits());
                        if (runQueue != null) runQueue.clear();
                    }

                    @Override public void closed() {
                        cpuAt[1] = cpu.seconds();
                        cpuAt[3] = own.seconds();
                        threads.set(1, cpu.threads());
                        waits.set(1, cpu.waits());
                        if (runQueue != null) runQueue.stop();
                    }
                });
        return new Window(outcome, cpuAt[1] - cpuAt[0], cpuAt[3] - cpuAt[2], ProcessCpu.difference(threads.get(0), threads.get(1)),
                ProcessCpu.difference(waits.get(0), waits.get(1)), runQueue);
    }

    /** An option given in seconds (fractions allowed), in nanoseconds. */
    private static long nanos(Options o, String name, String defaultSeconds) {
        return TimeUnit.MILLISECONDS.toNanos((long) (Double.parseDouble(o.get(name, defaultSeconds)) * 1000));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static boolean report(Result r, Path out) throws IOException {
        System.out.println(r.summary());
        System.out.println(r.threadSummary());
        append(out, r.toJson().toString());
        return r.valid();
    }

    private static void append(Path out, String line) throws IOException {
        if (out == null) return;
        Files.writeString(out, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Starts the server command, then sends generate requests every 5 ms until one is answered 200. */
    private static void coldStart(Options o) throws Exception {
        URI url = URI.create(o.get("url", "http://127.0.0.1:8080"));
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort());
        Credentials credentials = Credentials.read(Path.of(o.require("credentials")));
        HttpRequests http = new HttpRequests(url.getHost() + ":" + url.getPort());
        Setup setup = new Setup(credentials, http, null);
        if (o.command.isEmpty()) throw new IllegalArgumentException("coldstart needs the server command after --");
        ProcessBuilder pb = new ProcessBuilder(o.command).redirectErrorStream(true);
        Path log = Path.of(o.get("log", "coldstart.log"));
        pb.redirectOutput(log.toFile());
        long started = System.nanoTime();
        Process server = pb.start();
        double seconds = Double.NaN;
        try {
            long deadline = started + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && server.isAlive()) {
                byte[] request = http.post("/v2/token/generate", credentials.generator().key(), "text/plain", null,
                        setup.envelope(credentials.generator().secret(), System.currentTimeMillis(), setup.nonce(),
                                "{\"email_hash\":\"" + setup.randomHash() + "\"}"));
                try (BlockingHttp c = new BlockingHttp(address)) {
                    if (c.send(request).status() == 200) {
                        seconds = (System.nanoTime() - started) / 1e9;
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(5);
            }
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly();
        }
        String label = o.get("label", "java-" + Runtime.version().feature());
        String what = o.get("what", "plain");
        System.out.printf("cold start %s (%s): %.3f s to the first answered generate request%n", label, what, seconds);
        append(o.has("out") ? Path.of(o.get("out", "")) : null, "{\"type\":\"coldstart\",\"label\":\"" + label
                + "\",\"what\":\"" + what + "\",\"seconds\":" + seconds + "}");
        if (Double.isNaN(seconds)) System.exit(1);
    }

    /** One heap space of {@code GC.heap_info} (G1: one line; Serial and Parallel: one per generation). */
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    /** Full GC in the server ({@code jcmd GC.run}), then the heap in use after it ({@code GC.heap_info}). */
    private static void heap(Options o) throws Exception {
        String pid = o.require("server-pid");
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        jcmd(jcmd, pid, "GC.run");
        String info = jcmd(jcmd, pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        long usedBytes = 0;
        boolean found = false;
        while (m.find()) {
            usedBytes += Long.parseLong(m.group(1)) * 1024;
            found = true;
        }
        if (!found) throw new IllegalStateException("cannot read the heap from: " + info);
        String label = o.get("label", "java-" + Runtime.version().feature());
        System.out.printf("heap in use after full GC (%s): %.1f MiB%n", label, usedBytes / 1048576.0);
        append(o.has("out") ? Path.of(o.get("out", "")) : null,
                "{\"type\":\"heap\",\"label\":\"" + label + "\",\"bytes\":" + usedBytes + ",\"what\":\""
                        + o.get("what", "") + "\"}");
    }

    private static String jcmd(String jcmd, String pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd, pid, command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("jcmd " + command + " failed: " + text);
        return text;
    }

    /** {@code --name value} options, and everything after {@code --} as a command. */
    static final class Options {
        private final Map<String, String> values = new HashMap<>();
        final List<String> command = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--")) {
                    o.command.addAll(Arrays.asList(args).subList(i + 1, args.length));
                    break;
                }
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value, got " + args[i]);
                }
                o.values.put(args[i].substring(2), args[++i]);
            }
            return o;
        }

        boolean has(String name) { return values.containsKey(name); }

        String get(String name, String fallback) { return values.getOrDefault(name, fallback); }

        String require(String name) {
            String v = values.get(name);
            if (v == null) throw new IllegalArgumentException("--" + name + " is required");
            return v;
        }
    }
}

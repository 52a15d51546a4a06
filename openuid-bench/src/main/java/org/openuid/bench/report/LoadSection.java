package org.openuid.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import static org.openuid.bench.report.Fmt.fmt;
import static org.openuid.bench.report.Fmt.pct;

/** The saturation runs and where the server's CPU time went in them. */
final class LoadSection extends Section {
    LoadSection(Report report) {
        super(report);
    }

    @Override
    void write() {
        loadTables();
        sleepingDriver();
        cpuBreakdown();
    }

    /**
     * The token endpoints and the bare exchange again with a driver that sleeps in its selector between answers, so
     * that the effect of the driver's wake-ups on the server's CPU time shows beside the figures above.
     */
    private void sleepingDriver() {
        if (r.sleeping.isEmpty()) return;
        md.append("### With a sleeping driver (for comparison)\n\n");
        md.append("The same saturation runs with `--driver-wait block`, right after the runs above on the same server: the ")
                .append("driver sleeps in its selector whenever no answer is ready, so each answer that finds it asleep also ")
                .append("wakes it, on the server's CPU. The last two columns are the server's event loop kernel time per request ")
                .append("with the sleeping driver and in the spinning driver's run above.\n\n");
        md.append("| JDK | Scenario | per CPU-s | of http-floor | driver CPU s | server kernel µs per request | the same, spinning driver |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (String l : labels) {
            Optional<JsonNode> floor = r.sleeping(l, "http-floor");
            for (String s : r.scenarios()) {
                Optional<JsonNode> o = r.sleeping(l, s);
                if (o.isEmpty()) continue;
                JsonNode n = o.get();
                double per = Results.perCpuSecond(n);
                String share = floor.isEmpty() || s.equals("http-floor") ? "–" : pct(per / Results.perCpuSecond(floor.get()));
                Optional<JsonNode> spinning = r.load(l, s, false);
                md.append("| ").append(l).append(" | ").append(s).append(" | ")
                        .append(String.format("%,.0f", per)).append(" | ").append(share).append(" | ")
                        .append(fmt(n.path("driver_cpu_seconds").asDouble())).append(" | ")
                        .append(fmt(kernelMicros(n))).append(" | ")
                        .append(spinning.map(x -> fmt(kernelMicros(x))).orElse("–")).append(" |\n");
            }
        }
        md.append('\n');
    }

    /** Kernel CPU time of the server's event loops per request, in microseconds. */
    private static double kernelMicros(JsonNode load) {
        double kernel = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = load.path("server_threads").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("vert.x-eventloo")) kernel += e.getValue().path(1).asDouble();
        }
        long requests = load.path("requests").asLong();
        return requests == 0 ? Double.NaN : kernel / requests * 1e6;
    }

    private void loadTables() {
        md.append("## Load results\n\n");
        md.append("Saturation runs (closed loop). *per CPU-s* is per second of server CPU time; identity map rows count ")
                .append("identities. *of http-floor* is the share of the bare HTTP exchange's requests per CPU-second (token and other ")
                .append("single-request endpoints), *of ceiling* the share of the crypto-only ceiling of that endpoint.\n\n");
        for (String l : labels) {
            md.append("### ").append(l).append("\n\n");
            md.append("| Scenario | conns | req/s | identities/s | p50 ms | p99 ms | p99.9 ms | non-200 | server CPU s | ")
                    .append("driver CPU s | per CPU-s | windows (req/CPU-s) | ceiling per CPU-s | of ceiling | of http-floor |\n");
            md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
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
                        .append(Double.isNaN(ceiling) ? "–" : pct(Results.perCpuSecond(n) / ceiling)).append(" | ")
                        .append(s.startsWith("map-") || s.equals("http-floor") ? "–" : pct(f.floorShare(l, s))).append(" |\n");
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
}

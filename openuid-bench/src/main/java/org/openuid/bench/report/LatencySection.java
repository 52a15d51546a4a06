package org.openuid.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.openuid.bench.report.Fmt.fmt;
import static org.openuid.bench.report.Fmt.pct;

/**
 * Latency at half of saturation, and where its tail comes from: what the slowest requests overlapped in the server
 * ({@code org.openuid.bench.TailAnalysis}: GC pauses, other safepoints, JIT compilations, the driver's own delay),
 * what the JVM paused for during the window, and which threads used the server's core.
 */
final class LatencySection extends Section {
    LatencySection(Report report) {
        super(report);
    }

    @Override
    void write() {
        halfSaturation();
        tail();
    }

    private void halfSaturation() {
        md.append("## Latency at half of saturation\n\n");
        md.append("The same scenario at a fixed rate of half the throughput its saturation run reached (one window of ")
                .append("the full duration, 256 connections). *From due* counts each request's latency from the moment it was ")
                .append("due, so a request waiting for a free connection, or for the driver itself to get its core back, ")
                .append("waits on the clock; *sent → answered* counts from the moment it was written to its connection, ")
                .append("which leaves the driver's own delays out (the target is read on this one). *Server core busy* is ")
                .append("the server's CPU time over the window; *cost vs saturation* is the server CPU per request at this ")
                .append("rate over the same at saturation: at half the rate each request mostly arrives alone, so the ")
                .append("event loop sleeps between requests and is woken for each, and nothing is batched, which makes ")
                .append("the core busier than half. The busier it is, the longer a short pause (a collection, a ")
                .append("compilation) takes to drain: the requests queued behind it are answered late although they ")
                .append("overlapped nothing.\n\n");
        md.append("| JDK | Scenario | rate req/s | p50 ms (from due) | p99 ms (from due) | p99.9 ms (from due) | max ms | ")
                .append("p99 ms (sent → answered) | p99.9 ms (sent → answered) | non-200 | server core busy | cost vs saturation |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
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
                        .append(n.path("non200").asLong()).append(" | ")
                        .append(pct(n.path("server_cpu_seconds").asDouble() / n.path("seconds").asDouble())).append(" | ")
                        .append(r.load(l, s, false).map(sat -> String.format("%.2f×",
                                sat.path("server_requests_per_cpu_second").asDouble()
                                        / n.path("server_requests_per_cpu_second").asDouble())).orElse("–"))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    private void tail() {
        List<JsonNode> tails = r.ofType("tail", null);
        if (tails.isEmpty()) return;
        md.append("## Where the latency tail comes from\n\n");
        md.append("During the half-saturation runs the server logs its safepoints and GC pauses (`-Xlog:safepoint,gc` ")
                .append("with the `timenanos` decoration: the driver's own clock) and records its JIT compilations ")
                .append("(`jdk.Compilation`, all of them); the driver keeps the due, sent and answered instants of every ")
                .append("request (`LoadDriver --tail-dir`), and `org.openuid.bench.TailAnalysis` lays the slowest beside ")
                .append("them, with the event loop's run-queue wait sampled every millisecond (`schedstat`). Each slow ")
                .append("request is counted once, by the first of these that fits: it overlapped a *GC* pause, another ")
                .append("*safepoint*, the event loop waited for its core (*run queue*: the server's own other threads or ")
                .append("other processes had it) for at least half of the time from sent to answered, the driver's own ")
                .append("thread waited for its core for at least half of the request's latency (*driver descheduled*: its ")
                .append("other threads or other processes had core 1, so it sent or read late), it overlapped a *JIT* ")
                .append("compilation (the compiler threads share the server's one core with the event loop), or it waited ")
                .append("in the *driver* more than half of its latency before being sent; *none*: none of these (the ")
                .append("event loop's own work, the kernel). Compilations are placed with about a millisecond's ")
                .append("precision.\n\n");
        md.append("| JDK | Scenario | tail | requests | mean ms | waited before send ms | GC | safepoint | run queue | ")
                .append("driver descheduled | JIT | driver | none |\n");
        md.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (JsonNode t : tails) {
            for (String[] set : new String[][]{{"p99", "≥ p99 (from due)"}, {"p999", "≥ p99.9 (from due)"},
                    {"service_p99", "≥ p99 (sent → answered)"}}) {
                JsonNode s = t.path(set[0]);
                md.append("| ").append(t.path("label").asText()).append(" | ").append(t.path("scenario").asText())
                        .append(" | ").append(set[1]).append(" | ").append(s.path("requests").asLong()).append(" | ")
                        .append(fmt(s.path("mean_ms").asDouble(Double.NaN))).append(" | ")
                        .append(fmt(s.path("mean_wait_before_send_ms").asDouble(Double.NaN)));
                for (String k : List.of("gc", "safepoint", "run_queue", "driver_queue", "jit", "driver", "other")) {
                    md.append(" | ").append(s.has(k) ? share(s.path(k).asLong(), s.path("requests").asLong()) : "–");
                }
                md.append(" |\n");
            }
        }
        md.append("\nWhat the JVM did during each window, and the CPU of the server's threads and of the driver in it ")
                .append("(from `/proc`; the driver's CPU near the window's length would mean the driver, not the server, ")
                .append("set the pace). *Event loop waited* is the time the event loop was runnable but waited for the ")
                .append("core (the run queue, `/proc/<pid>/task/*/schedstat`: the server's own other threads, or other ")
                .append("processes on that core) and how often it was preempted:\n\n");
        md.append("| JDK | Scenario | window s | GC pauses: count, total ms, max ms | other safepoints | compilations: ")
                .append("count, total ms | event loop waited: ms, preemptions | server threads (CPU s: user + kernel) | driver CPU s |\n");
        md.append("| --- | --- | ---: | --- | --- | --- | --- | --- | ---: |\n");
        for (JsonNode t : tails) {
            String l = t.path("label").asText();
            String s = t.path("scenario").asText();
            Optional<JsonNode> load = r.load(l, s, true);
            md.append("| ").append(l).append(" | ").append(s).append(" | ").append(fmt(t.path("window_seconds").asDouble()))
                    .append(" | ").append(pauses(t.path("gc"), true)).append(" | ").append(pauses(t.path("safepoint"), true))
                    .append(" | ").append(pauses(t.path("jit"), false)).append(" | ")
                    .append(load.map(LatencySection::loopWaits).orElse("–")).append(" | ")
                    .append(load.map(LatencySection::threads).orElse("–")).append(" | ")
                    .append(load.map(n -> fmt(n.path("driver_cpu_seconds").asDouble())).orElse("–")).append(" |\n");
        }
        md.append('\n');
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "–" : pct((double) part / whole);
    }

    private static String pauses(JsonNode p, boolean withMax) {
        if (p.isMissingNode()) return "–";
        return p.path("count").asLong() + ", " + fmt(p.path("total_ms").asDouble())
                + (withMax ? ", " + fmt(p.path("max_ms").asDouble()) : "");
    }

    /** The thread groups that used at least 1 % of the window's server CPU, most first. */
    static String threads(JsonNode load) {
        List<Map.Entry<String, JsonNode>> groups = new ArrayList<>();
        double total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = load.path("server_threads").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            groups.add(e);
            total += e.getValue().get(0).asDouble() + e.getValue().get(1).asDouble();
        }
        groups.sort((a, b) -> Double.compare(sum(b.getValue()), sum(a.getValue())));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : groups) {
            if (sum(e.getValue()) < 0.01 * total) continue;
            out.add("`" + e.getKey() + "` " + fmt(e.getValue().get(0).asDouble()) + " + " + fmt(e.getValue().get(1).asDouble()));
        }
        return out.isEmpty() ? "–" : String.join(", ", out);
    }

    /** Run-queue wait and preemptions of the event loop threads in the window. */
    static String loopWaits(JsonNode load) {
        double seconds = 0;
        double preempted = 0;
        boolean any = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = load.path("server_waits").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("vert.x-eventloo")) continue;
            any = true;
            seconds += e.getValue().get(0).asDouble();
            preempted += e.getValue().get(1).asDouble();
        }
        return any ? fmt(seconds * 1000) + ", " + String.format("%,.0f", preempted) : "–";
    }

    private static double sum(JsonNode userSys) {
        return userSys.get(0).asDouble() + userSys.get(1).asDouble();
    }
}

package org.openuid.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Figures derived from one run's results that more than one section of the report shows. */
final class Figures {
    private final Results r;

    Figures(Results r) {
        this.r = r;
    }

    /** Server requests (identity map: identities) per CPU-second of a valid saturation run, else NaN. */
    double perCpuSecond(String label, String scenario) {
        Optional<JsonNode> n = r.load(label, scenario, false);
        if (n.isEmpty() || !n.get().path("valid").asBoolean()) return Double.NaN;
        return Results.perCpuSecond(n.get());
    }

    /** Share of the crypto-only ceiling a scenario's saturation run reached (NaN when not measured or invalid). */
    double ceilingShare(String label, String scenario) {
        return perCpuSecond(label, scenario) / r.ceilingFor(label, scenario);
    }

    /** Requests per server CPU-second of a scenario as a share of the bare HTTP exchange's ({@code http-floor}). */
    double floorShare(String label, String scenario) {
        return perCpuSecond(label, scenario) / perCpuSecond(label, "http-floor");
    }

    /**
     * The share of the bare HTTP exchange from a run in alternating windows (the median of its pairs' ratios) where
     * one was made and is valid, else the share of the best windows of the two scenarios' own runs.
     */
    double tokenFloorShare(String label, String scenario) {
        Optional<JsonNode> p = r.paired(label, scenario);
        if (p.isPresent()) return p.get().path("valid").asBoolean() ? p.get().path("median_ratio").asDouble() : Double.NaN;
        return floorShare(label, scenario);
    }

    /** The most a server could do per CPU-second if each request cost its crypto plus a bare HTTP exchange. */
    double cryptoPlusHttp(String label, String scenario) {
        double floor = perCpuSecond(label, "http-floor");
        double ceiling = r.ceilingFor(label, scenario);
        return 1 / (1 / ceiling + 1 / floor);
    }

    /** Kernel share of the server's CPU time in a run. */
    static double sysShare(JsonNode load) {
        double user = 0;
        double sys = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = load.path("server_threads").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            user += e.getValue().get(0).asDouble();
            sys += e.getValue().get(1).asDouble();
        }
        return sys / (user + sys);
    }

    double coldStartMedian(String label, String what) {
        List<Double> v = new ArrayList<>();
        for (JsonNode n : r.ofType("coldstart", label)) {
            if (n.path("what").asText("plain").equals(what)) v.add(n.path("seconds").asDouble());
        }
        if (v.isEmpty()) return Double.NaN;
        v.sort(Double::compare);
        return v.get(v.size() / 2);
    }

    /**
     * The start command a deployment uses by default: the {@code openuid} launcher ({@code launcher}, or
     * {@code default}) when measured, else the plain JVM start.
     */
    String defaultStart(String label) {
        if (!Double.isNaN(coldStartMedian(label, "launcher"))) return "launcher";
        return Double.isNaN(coldStartMedian(label, "default")) ? "plain" : "default";
    }

    /** Server heap in use after a full GC with 1M buckets, plus the measured heap of a 10M opt-out index. */
    double heapTotal(String label) {
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
}

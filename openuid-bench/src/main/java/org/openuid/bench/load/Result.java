package org.openuid.bench.load;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * One measured run of one scenario, as one JSON line of the driver's output (read back by the report).
 *
 * @param rate                  0 for a closed-loop (saturation) run, else the fixed request rate per second
 * @param seconds               length of the reported (best) window; requests and CPU seconds are of that window
 * @param p50Ms                 latency percentiles over all windows, from when each request was due
 * @param serviceP99Ms          p99 from when each request was actually written (without the driver's own delays)
 * @param roundsPerCpuSecond    requests per server CPU-second of every window
 * @param serverCpuSeconds      CPU seconds the server process used during the measurement window (NaN: unknown)
 * @param driverCpuSeconds      CPU seconds the driver itself used in the window (near {@code seconds}: the driver,
 *                              not the server, may be the limit)
 * @param serverThreads         the server's CPU seconds in the window by thread group: user, system
 * @param serverWaits           by thread group: seconds runnable but waiting for a CPU, and times preempted
 */
record Result(String label, String scenario, int connections, double rate, double seconds, long requests,
              int identitiesPerRequest, double p50Ms, double p99Ms, double p999Ms, double maxMs, double serviceP99Ms,
              double serviceP999Ms, long non200, long errors, Map<Integer, Long> statuses, double serverCpuSeconds,
              double driverCpuSeconds, Map<String, double[]> serverThreads, Map<String, double[]> serverWaits,
              double[] roundsPerCpuSecond,
              String firstError) {

    double requestsPerSecond() { return requests / seconds; }

    double identitiesPerSecond() { return requestsPerSecond() * identitiesPerRequest; }

    double requestsPerCpuSecond() { return requests / serverCpuSeconds; }

    double identitiesPerCpuSecond() { return requestsPerCpuSecond() * identitiesPerRequest; }

    /** A run is valid only when every request was answered 200 and no connection failed. */
    boolean valid() { return non200 == 0 && errors == 0 && requests > 0; }

    ObjectNode toJson() {
        ObjectNode n = Setup.resultLine("load", label, scenario);
        n.put("connections", connections);
        n.put("rate", rate);
        n.put("seconds", seconds);
        n.put("requests", requests);
        n.put("requests_per_second", requestsPerSecond());
        n.put("identities_per_request", identitiesPerRequest);
        n.put("identities_per_second", identitiesPerSecond());
        n.put("p50_ms", p50Ms);
        n.put("p99_ms", p99Ms);
        n.put("p999_ms", p999Ms);
        n.put("max_ms", maxMs);
        n.put("service_p99_ms", serviceP99Ms);
        n.put("service_p999_ms", serviceP999Ms);
        var rounds = n.putArray("rounds_requests_per_cpu_second");
        for (double v : roundsPerCpuSecond) rounds.add(v);
        n.put("non200", non200);
        n.put("errors", errors);
        ObjectNode s = n.putObject("statuses");
        statuses.forEach((k, v) -> s.put(Integer.toString(k), v));
        n.put("server_cpu_seconds", serverCpuSeconds);
        n.put("driver_cpu_seconds", driverCpuSeconds);
        ObjectNode t = n.putObject("server_threads");
        serverThreads.forEach((name, v) -> {
            if (v[0] + v[1] > 0) t.putArray(name).add(v[0]).add(v[1]);
        });
        ObjectNode w = n.putObject("server_waits");
        serverWaits.forEach((name, v) -> {
            if (v[0] > 0 || v[1] > 0) w.putArray(name).add(v[0]).add(v[1]);
        });
        n.put("server_requests_per_cpu_second", requestsPerCpuSecond());
        n.put("server_identities_per_cpu_second", identitiesPerCpuSecond());
        n.put("valid", valid());
        if (firstError != null) n.put("first_error", firstError);
        return n;
    }

    /** The thread groups that used the most CPU in the window, e.g. {@code vert.x-eventloop-thread 8.1+2.3s}. */
    String threadSummary() {
        StringBuilder sb = new StringBuilder("    server threads:");
        serverThreads.entrySet().stream().filter(e -> e.getValue()[0] + e.getValue()[1] >= 0.05)
                .sorted((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .limit(6).forEach(e -> sb.append(String.format("  %s %.2f user + %.2f sys", e.getKey(), e.getValue()[0], e.getValue()[1])));
        return sb.toString();
    }

    String summary() {
        return String.format("%-14s %s conns=%d%s  %,.0f req/s  %,.0f ids/s  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  "
                        + "(sent→answer p99 %.2f ms)  non-200 %d  errors %d  server CPU %.2f s  driver CPU %.2f s  %,.0f req/CPU-s  "
                        + "%,.0f ids/CPU-s%s",
                scenario, label, connections, rate > 0 ? String.format(" rate=%,.0f/s", rate) : "", requestsPerSecond(),
                identitiesPerSecond(), p50Ms, p99Ms, p999Ms, serviceP99Ms, non200, errors, serverCpuSeconds, driverCpuSeconds,
                requestsPerCpuSecond(),
                identitiesPerCpuSecond(), valid() ? "" : "  INVALID" + (firstError == null ? " " + statuses : ": " + firstError));
    }
}

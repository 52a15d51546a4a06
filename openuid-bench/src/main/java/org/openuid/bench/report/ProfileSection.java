package org.openuid.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The crypto-only ceiling, the CPU profiles and the microbenchmarks. */
final class ProfileSection extends Section {
    ProfileSection(Report report) {
        super(report);
    }

    @Override
    void write() throws IOException {
        ceilingTable();
        profiles();
        jmhTable();
    }

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
        List<String> scenarios = new ArrayList<>();
        for (String l : labels) for (String s : r.profiledScenarios(l)) if (!scenarios.contains(s)) scenarios.add(s);
        if (scenarios.isEmpty()) return;
        md.append("## Profiles\n\n");
        md.append("A flight recording of the server (`jcmd JFR.start` with the JDK's `profile` settings, CPU samples ")
                .append("every millisecond) during a separate saturated run of each scenario, summarised by ")
                .append("`org.openuid.bench.JfrSummary`. Samples cover Java code only: the kernel time of *Where the ")
                .append("server's CPU time goes* is not in them. Self time around intrinsics (SHA-256, AES, GHASH stubs) ")
                .append("is attributed to the calling Java frame, so read the *area* table rather than single frames. ")
                .append("Allocation per request is the JVM's own count of bytes allocated by each thread ")
                .append("(`jdk.ThreadAllocationStatistics`, read as the recording starts and ends) per second, over the ")
                .append("driver's rate in that run.\n\n");
        for (String s : scenarios) {
            md.append("### ").append(s).append("\n\n");
            for (String l : labels) {
                Optional<String> p = r.profile(l, s);
                if (p.isEmpty()) continue;
                md.append("#### ").append(l).append("\n\n").append(p.get().strip()).append("\n\n");
            }
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
}

package org.openuid.bench.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.openuid.bench.report.Fmt.fmt;
import static org.openuid.bench.report.Fmt.mib;

/** Cold start and heap. */
final class StartHeapSection extends Section {
    StartHeapSection(Report report) {
        super(report);
    }

    @Override
    void write() {
        coldStart();
        heap();
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
                        .append(String.format("%.2f", f.coldStartMedian(l, what))).append(" |\n");
            }
        }
        md.append('\n');
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
                    .append(mib(index)).append(" | ").append(fmt(perOptOut)).append(" | ").append(mib(f.heapTotal(l)))
                    .append(" |\n");
        }
        md.append('\n');
    }
}

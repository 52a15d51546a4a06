package org.openuid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lays the slowest requests of a fixed-rate run beside what the server's JVM did at the same moments, and says for
 * each what it overlapped: a GC pause, another safepoint, the event loop waiting for its core (the run queue: the
 * server's own other threads or other processes had it), a JIT compilation (the compiler threads share the server's
 * one core with the event loop), the driver's own thread waiting for its core, or the driver's own delay before
 * sending; the rest is left to the kernel and the event loop's own work.
 *
 * <pre>
 * TailAnalysis --tail tail-LABEL-SCENARIO.txt --vm-log vm-LABEL.log [--jfr load-LABEL.jfr] --label L --scenario S
 *              [--out results.jsonl]
 * </pre>
 *
 * <p>The tail file is the driver's ({@code LoadDriver run --tail-dir}); the VM log is the server's
 * {@code -Xlog:safepoint=info,gc=info:file=...:timenanos,tags} (safepoints end at the logged instant and began
 * {@code Total} nanoseconds earlier; the clock is the driver's {@code System.nanoTime()}); the flight recording gives
 * the compilations ({@code jdk.Compilation}, wall clock, placed with the driver's offset: about a millisecond's
 * precision). Prints one JSON line and appends it to {@code --out}.
 */
public final class TailAnalysis {
    private static final Pattern SAFEPOINT = Pattern.compile(
            "^\\[(\\d+)ns]\\[safepoint\\s*] Safepoint \"([^\"]+)\".*?Total: (\\d+) ns");

    /** An interval of the server's life on the driver's clock; {@code kind} is gc, safepoint or jit. */
    record Pause(String kind, long start, long end) {}

    record Request(long due, long sent, long done) {
        long latency() { return done - due; }

        long service() { return done - sent; }
    }

    private TailAnalysis() {}

    public static void main(String[] args) throws IOException {
        Path tail = null, vmLog = null, jfr = null, out = null;
        String label = "", scenario = "";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tail" -> tail = Path.of(args[i + 1]);
                case "--vm-log" -> vmLog = Path.of(args[i + 1]);
                case "--jfr" -> jfr = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--label" -> label = args[i + 1];
                case "--scenario" -> scenario = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (tail == null) throw new IllegalArgumentException("--tail is required");
        long[] header = new long[6];
        List<long[]> runQueue = new ArrayList<>();
        List<long[]> driverQueue = new ArrayList<>();
        List<Request> requests = readTail(tail, header, runQueue, driverQueue);
        List<Pause> pauses = new ArrayList<>();
        if (vmLog != null && Files.exists(vmLog)) pauses.addAll(safepoints(Files.readAllLines(vmLog, StandardCharsets.UTF_8)));
        if (jfr != null && Files.exists(jfr)) pauses.addAll(compilations(jfr, header[2]));
        String line = analyse(label, scenario, header, requests, pauses, runQueue, driverQueue).toString();
        System.out.println(line);
        if (out != null) {
            Files.writeString(out, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** Header: window open, window close, epoch − nano, requests, p99 threshold, service p99 threshold. */
    static List<Request> readTail(Path file, long[] header) throws IOException {
        return readTail(file, header, new ArrayList<>());
    }

    /** Also the run-queue samples ({@code # runq <nanoTime> <wait so far>}) into {@code runQueue}. */
    static List<Request> readTail(Path file, long[] header, List<long[]> runQueue) throws IOException {
        return readTail(file, header, runQueue, new ArrayList<>());
    }

    /** Also the driver's own run-queue samples ({@code # drvq <nanoTime> <wait so far>}) into {@code driverQueue}. */
    static List<Request> readTail(Path file, long[] header, List<long[]> runQueue, List<long[]> driverQueue)
            throws IOException {
        List<Request> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split(" +");
            if (line.startsWith("# runq")) {
                runQueue.add(new long[]{Long.parseLong(f[2]), Long.parseLong(f[3])});
            } else if (line.startsWith("# drvq")) {
                driverQueue.add(new long[]{Long.parseLong(f[2]), Long.parseLong(f[3])});
            } else if (line.startsWith("# window")) {
                header[0] = Long.parseLong(f[2]);
                header[1] = Long.parseLong(f[3]);
            } else if (line.startsWith("# epoch_minus_nano")) {
                header[2] = Long.parseLong(f[2]);
            } else if (line.startsWith("# requests")) {
                header[3] = Long.parseLong(f[2]);
            } else if (line.startsWith("# p99")) {
                header[4] = Long.parseLong(f[2]);
                header[5] = Long.parseLong(f[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                out.add(new Request(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        return out;
    }

    static List<Pause> safepoints(List<String> log) {
        List<Pause> out = new ArrayList<>();
        for (String line : log) {
            Matcher m = SAFEPOINT.matcher(line);
            if (!m.find()) continue;
            long end = Long.parseLong(m.group(1));
            String name = m.group(2);
            boolean gc = name.contains("G1") || name.contains("GC") || name.contains("Collect") || name.startsWith("Z")
                    || name.startsWith("Shenandoah");
            out.add(new Pause(gc ? "gc" : "safepoint", end - Long.parseLong(m.group(3)), end));
        }
        return out;
    }

    static List<Pause> compilations(Path jfr, long epochMinusNano) throws IOException {
        List<Pause> out = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.Compilation")) continue;
            long start = nanos(e.getStartTime()) - epochMinusNano;
            out.add(new Pause("jit", start, start + e.getDuration().toNanos()));
        }
        return out;
    }

    /** An instant as nanoseconds since the epoch (the clock of the driver's timeline and of the VM log). */
    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static ObjectNode analyse(String label, String scenario, long[] header, List<Request> requests, List<Pause> pauses) {
        return analyse(label, scenario, header, requests, pauses, List.of());
    }

    static ObjectNode analyse(String label, String scenario, long[] header, List<Request> requests, List<Pause> pauses,
                              List<long[]> runQueue) {
        return analyse(label, scenario, header, requests, pauses, runQueue, List.of());
    }

    static ObjectNode analyse(String label, String scenario, long[] header, List<Request> requests, List<Pause> pauses,
                              List<long[]> runQueue, List<long[]> driverQueue) {
        long open = header[0];
        long close = header[1];
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("type", "tail");
        n.put("label", label);
        n.put("scenario", scenario);
        n.put("window_seconds", (close - open) / 1e9);
        n.put("requests", header[3]);
        for (String kind : List.of("gc", "safepoint", "jit")) {
            long count = 0, total = 0, max = 0;
            for (Pause p : pauses) {
                if (!p.kind().equals(kind) || p.end() <= open || p.start() >= close) continue;
                long d = Math.min(p.end(), close) - Math.max(p.start(), open);
                count++;
                total += d;
                max = Math.max(max, d);
            }
            ObjectNode k = n.putObject(kind);
            k.put("count", count);
            k.put("total_ms", total / 1e6);
            k.put("max_ms", max / 1e6);
        }
        List<Request> byLatency = new ArrayList<>(requests);
        byLatency.sort(Comparator.comparingLong(Request::latency).reversed());
        List<Request> p99 = byLatency.stream().filter(r -> r.latency() >= header[4]).toList();
        int p999Count = (int) Math.max(1, Math.ceil(header[3] / 1000.0));
        List<Request> p999 = byLatency.subList(0, Math.min(p999Count, byLatency.size()));
        List<Request> service = requests.stream().filter(r -> r.service() >= header[5]).toList();
        if (!runQueue.isEmpty()) {
            n.put("run_queue_samples", runQueue.size());
            n.put("run_queue_wait_ms", (runQueue.get(runQueue.size() - 1)[1] - runQueue.get(0)[1]) / 1e6);
        }
        if (!driverQueue.isEmpty()) {
            n.put("driver_queue_wait_ms", (driverQueue.get(driverQueue.size() - 1)[1] - driverQueue.get(0)[1]) / 1e6);
        }
        split(n.putObject("p99"), p99, pauses, runQueue, driverQueue, false);
        split(n.putObject("p999"), p999, pauses, runQueue, driverQueue, false);
        split(n.putObject("service_p99"), service, pauses, runQueue, driverQueue, true);
        return n;
    }

    /**
     * Counts the requests of a tail set by the first cause that fits: a GC pause overlapping it, another safepoint, the
     * event loop waiting for its core for at least half of the time from sent to answered (run-queue samples; a request
     * that waited in the driver because every connection was busy waited for the same server), the driver's own
     * thread waiting for its core for at least half of the request's latency (it sent or read late), a compilation,
     * the driver's delay before sending (more than half of the latency), else none of these.
     */
    private static void split(ObjectNode n, List<Request> set, List<Pause> pauses, List<long[]> runQueue,
                              List<long[]> driverQueue, boolean fromSent) {
        long gc = 0, safepoint = 0, queued = 0, driverQueued = 0, jit = 0, driver = 0, other = 0;
        double latencySum = 0, waitSum = 0;
        for (Request r : set) {
            long from = fromSent ? r.sent() : r.due();
            latencySum += r.done() - from;
            waitSum += fromSent ? 0 : r.sent() - r.due();
            if (overlaps(pauses, "gc", from, r.done())) gc++;
            else if (overlaps(pauses, "safepoint", from, r.done())) safepoint++;
            else if (2 * (waitAt(runQueue, r.done()) - waitAt(runQueue, r.sent())) >= r.service()) queued++;
            else if (!driverQueue.isEmpty()
                    && 2 * (waitAt(driverQueue, r.done()) - waitAt(driverQueue, from)) >= r.done() - from) driverQueued++;
            else if (overlaps(pauses, "jit", from, r.done())) jit++;
            else if (!fromSent && r.sent() - r.due() > r.latency() / 2) driver++;
            else other++;
        }
        n.put("requests", set.size());
        n.put("mean_ms", set.isEmpty() ? Double.NaN : latencySum / set.size() / 1e6);
        n.put("mean_wait_before_send_ms", set.isEmpty() ? Double.NaN : waitSum / set.size() / 1e6);
        n.put("gc", gc);
        n.put("safepoint", safepoint);
        if (!runQueue.isEmpty()) n.put("run_queue", queued);
        if (!driverQueue.isEmpty()) n.put("driver_queue", driverQueued);
        n.put("jit", jit);
        n.put("driver", driver);
        n.put("other", other);
    }

    /** The event loop's run-queue wait so far at instant {@code t}: the last sample at or before it (0 without samples). */
    static long waitAt(List<long[]> samples, long t) {
        int lo = 0;
        int hi = samples.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (samples.get(mid)[0] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) return samples.isEmpty() ? 0 : samples.get(0)[1];
        return samples.get(found)[1];
    }

    private static boolean overlaps(List<Pause> pauses, String kind, long from, long to) {
        for (Pause p : pauses) if (p.kind().equals(kind) && p.start() < to && p.end() > from) return true;
        return false;
    }
}

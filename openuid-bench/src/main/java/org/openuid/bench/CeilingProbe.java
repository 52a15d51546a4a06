package org.openuid.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * The crypto-only ceiling ({@link CryptoCeiling}) in operations per CPU-second of the measuring thread, the unit the
 * load driver reports for the server (requests per server CPU-second). Thread CPU time, unlike wall time, does not
 * count the time the thread waits for a core on a busy machine, so ceiling and server are measured alike.
 *
 * <p>{@code java -cp benchmarks.jar org.openuid.bench.CeilingProbe [--seconds S] [--label L] [--out results.jsonl]}:
 * per operation a warm-up, then rounds of about {@code S}/5 CPU-seconds; the best round is the ceiling (the round
 * least disturbed by other processes; this makes the server's ratio to it conservative).
 */
public final class CeilingProbe {
    private static final int ROUNDS = 5;

    private CeilingProbe() {}

    public static void main(String[] args) throws Exception {
        double seconds = 5;
        String label = "java-" + Runtime.version().feature();
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                case "--label" -> label = args[i + 1];
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        CryptoCeiling c = new CryptoCeiling();
        String[] names = {"generate", "generate-email", "refresh", "map-identity"};
        IntSupplier[] ops = {c::generate, c::generateEmail, c::refresh, c::mapIdentity};
        for (IntSupplier op : ops) warmUp(op, Math.max(1, seconds / ROUNDS));
        for (int i = 0; i < ops.length; i++) {
            double[] rounds = measure(ops[i], seconds);
            double best = Arrays.stream(rounds).max().orElse(Double.NaN);
            double[] sorted = rounds.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            System.out.printf("ceiling %-14s %s: %,.0f ops per CPU-second (median of rounds %,.0f)%n", names[i], label, best, median);
            if (out != null) {
                String line = "{\"type\":\"ceiling\",\"label\":\"" + label + "\",\"op\":\"" + names[i]
                        + "\",\"ops_per_cpu_second\":" + best + ",\"median_ops_per_cpu_second\":" + median + "}\n";
                Files.writeString(out, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    private static int sink;

    /** Runs {@code op} for about {@code seconds} CPU-seconds so that the JIT has compiled it. */
    private static void warmUp(IntSupplier op, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + (long) (seconds * 1e9);
        while (threads.getCurrentThreadCpuTime() < end) {
            for (int k = 0; k < 1000; k++) sink += op.getAsInt();
        }
    }

    private static double[] measure(IntSupplier op, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long roundNanos = (long) (seconds * 1e9 / ROUNDS);
        warmUp(op, 0.5);
        double[] rounds = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long ops = 0;
            long start = threads.getCurrentThreadCpuTime();
            long now;
            do {
                for (int k = 0; k < 200; k++) sink += op.getAsInt();
                ops += 200;
                now = threads.getCurrentThreadCpuTime();
            } while (now - start < roundNanos);
            rounds[r] = ops / ((now - start) / 1e9);
        }
        return rounds;
    }
}

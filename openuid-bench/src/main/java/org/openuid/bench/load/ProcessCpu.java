package org.openuid.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time a process has used so far: {@code utime + stime} of {@code /proc/<pid>/stat} (fields 14 and 15, in clock
 * ticks of {@code USER_HZ}, 100 per second on Linux). Ten-millisecond resolution, so measure over seconds.
 */
public final class ProcessCpu {
    /** Linux USER_HZ: fixed at 100 for user space on all mainstream architectures. */
    static final int CLOCK_TICKS_PER_SECOND = 100;

    private final Path stat;
    private final long pid;

    public ProcessCpu(long pid) {
        this.pid = pid;
        this.stat = Path.of("/proc", Long.toString(pid), "stat");
    }

    long pid() { return pid; }

    /** @return CPU seconds used (user + system), or NaN when the process or /proc is not there */
    public double seconds() {
        try {
            return parse(Files.readString(stat));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * User and system CPU seconds per thread group (thread names with trailing digits and {@code #n} removed, so all
     * event loops, compiler threads or GC workers add up), from {@code /proc/<pid>/task/<tid>/stat} and {@code comm}.
     * Threads that ended are not counted.
     */
    public Map<String, double[]> threads() {
        Map<String, double[]> out = new TreeMap<>();
        eachThread((name, task) -> {
            long[] ticks = ticks(Files.readString(task.resolve("stat")));
            double[] v = out.computeIfAbsent(name, k -> new double[2]);
            v[0] += ticks[0] / (double) CLOCK_TICKS_PER_SECOND;
            v[1] += ticks[1] / (double) CLOCK_TICKS_PER_SECOND;
        });
        return out;
    }

    /**
     * Per thread group (named as in {@link #threads()}): seconds its threads were runnable but waited for a CPU (the
     * run queue: other processes, or the server's own other threads on its one core), from the second field of
     * {@code /proc/<pid>/task/<tid>/schedstat}, and how often they were preempted ({@code nonvoluntary_ctxt_switches}
     * of {@code status}). Empty where the kernel does not keep scheduler statistics.
     */
    public Map<String, double[]> waits() {
        Map<String, double[]> out = new TreeMap<>();
        eachThread((name, task) -> {
            String[] sched = Files.readString(task.resolve("schedstat")).trim().split(" +");
            double preempted = 0;
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("nonvoluntary_ctxt_switches:")) preempted = Double.parseDouble(line.substring(27).trim());
            }
            double[] v = out.computeIfAbsent(name, k -> new double[2]);
            v[0] += Long.parseLong(sched[1]) / 1e9;
            v[1] += preempted;
        });
        return out;
    }

    /**
     * Seconds the JVM's JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}) have run so far,
     * from the first field of {@code /proc/<pid>/task/<tid>/schedstat} (nanoseconds, so a second's worth is precise);
     * NaN where the kernel keeps no scheduler statistics.
     */
    public double compilerSeconds() {
        double[] total = {0, 0}; // seconds, threads read
        boolean listed = eachThread((name, task) -> {
            if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) return;
            String[] sched = Files.readString(task.resolve("schedstat")).trim().split(" +");
            total[0] += Long.parseLong(sched[0]) / 1e9;
            total[1]++;
        });
        return listed && total[1] > 0 ? total[0] : Double.NaN;
    }

    /** One thread's files, read under its group name. */
    private interface ThreadReader {
        void read(String group, Path task) throws IOException;
    }

    /**
     * Runs {@code reader} for every thread of the process, named as in {@link #threads()}; a thread that ended
     * meanwhile, or a file the kernel does not keep, is skipped.
     *
     * @return false when the process's threads could not be listed
     */
    private boolean eachThread(ThreadReader reader) {
        try (Stream<Path> list = Files.list(stat.getParent().resolve("task"))) {
            for (Path t : (Iterable<Path>) list::iterator) {
                try {
                    reader.read(Files.readString(t.resolve("comm")).trim().replaceAll("[#\\-]?[0-9]+$", ""), t);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile, or no such statistics
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Per group, {@code after − before} of {@link #threads()} (user, system) or of {@link #waits()}. */
    public static Map<String, double[]> difference(Map<String, double[]> before, Map<String, double[]> after) {
        Map<String, double[]> d = new TreeMap<>();
        after.forEach((name, v) -> {
            double[] b = before.getOrDefault(name, new double[2]);
            d.put(name, new double[]{v[0] - b[0], v[1] - b[1]});
        });
        return d;
    }

    /** Parses the content of a stat file; the command name (field 2) may hold spaces and parentheses. */
    static double parse(String content) {
        long[] t = ticks(content);
        return (t[0] + t[1]) / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** utime and stime in ticks. */
    static long[] ticks(String content) {
        int close = content.lastIndexOf(')');
        String[] fields = content.substring(close + 2).trim().split(" +");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        return new long[]{Long.parseLong(fields[14 - 3]), Long.parseLong(fields[15 - 3])};
    }
}

package org.openuid.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Whether the server's JIT compilers have gone quiet: their CPU over the last second is below a small share of one
 * core. A fresh server keeps compiling for several seconds after a scenario's load starts (on one core, C2 took
 * about half of it for 8–9 s of a generate run, and longer in some starts), and a window measured meanwhile counts
 * the compilers' CPU as the server's: its requests per CPU-second read up to three times too low, and differently
 * from one start to the next. The load driver asks this from a second before the warm-up is due to end and keeps
 * warming up until it says yes (or a limit is reached), so that windows measure the compiled server.
 */
final class JitQuiet {
    /** Compiler CPU per second of wall time below which the compilers count as quiet. */
    static final double QUIET_SHARE = 0.02;
    private static final double SPAN_SECONDS = 0.95;

    private final DoubleSupplier compilerSeconds;
    private final LongSupplier nanoTime;
    private final List<double[]> samples = new ArrayList<>();

    /**
     * @param compilerSeconds CPU seconds the compiler threads have used so far (NaN when unknown: always quiet)
     * @param nanoTime        the clock
     */
    JitQuiet(DoubleSupplier compilerSeconds, LongSupplier nanoTime) {
        this.compilerSeconds = compilerSeconds;
        this.nanoTime = nanoTime;
    }

    /** Takes a sample; true once the samples span about a second and the compilers used under 2 % of it. */
    boolean quiet() {
        double c = compilerSeconds.getAsDouble();
        if (Double.isNaN(c)) return true;
        double t = nanoTime.getAsLong() / 1e9;
        samples.add(new double[]{t, c});
        while (samples.size() > 2 && t - samples.get(1)[0] >= SPAN_SECONDS) samples.remove(0);
        double[] first = samples.get(0);
        double span = t - first[0];
        return span >= SPAN_SECONDS && (c - first[1]) / span < QUIET_SHARE;
    }
}

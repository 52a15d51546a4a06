package org.openuid.bench.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;

/**
 * A scenario measured against a base scenario (the bare HTTP exchange) in alternating windows on the same server:
 * base, scenario, scenario, base, base, scenario... (each pair in the opposite order of the one before, so that a
 * steady drift favours neither). Each pair's ratio is of two windows a few seconds apart, so a slow spell of the host
 * that outlasts the pair lowers both sides of it instead of only one, as it does when one scenario is measured after
 * the other. A shorter spell still moves single pairs; the reported share, the median of the pairs' ratios, leaves
 * those aside.
 *
 * @param basePerCpuSecond base requests per server CPU-second, one per pair
 * @param perCpuSecond     the scenario's requests per server CPU-second, one per pair
 * @param non200           answers other than 200 over all windows of both (any makes the run invalid)
 */
record PairedRun(String label, String scenario, String base, double windowSeconds, double[] basePerCpuSecond,
                 double[] perCpuSecond, long non200, long errors) {

    /** Whether base goes first in pair {@code i} (0-based): first, then second, second, first, ... */
    static boolean baseFirst(int i) {
        return i % 2 == 0;
    }

    double[] ratios() {
        double[] r = new double[perCpuSecond.length];
        for (int i = 0; i < r.length; i++) r[i] = perCpuSecond[i] / basePerCpuSecond[i];
        return r;
    }

    /** The median of the pairs' ratios (the mean of the middle two for an even count); NaN without pairs. */
    double medianRatio() {
        return median(ratios());
    }

    static double median(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    boolean valid() {
        return non200 == 0 && errors == 0 && perCpuSecond.length > 0;
    }

    ObjectNode toJson() {
        ObjectNode n = Setup.resultLine("paired", label, scenario);
        n.put("base", base);
        n.put("window_seconds", windowSeconds);
        array(n.putArray("base_per_cpu_second"), basePerCpuSecond);
        array(n.putArray("per_cpu_second"), perCpuSecond);
        array(n.putArray("ratios"), ratios());
        n.put("median_ratio", medianRatio());
        n.put("non200", non200);
        n.put("errors", errors);
        n.put("valid", valid());
        return n;
    }

    String summary() {
        StringBuilder sb = new StringBuilder(String.format("%-14s %s paired with %s: median %.1f %% of it; pairs",
                scenario, label, base, 100 * medianRatio()));
        for (int i = 0; i < perCpuSecond.length; i++) {
            sb.append(String.format("  %,.0f/%,.0f", perCpuSecond[i], basePerCpuSecond[i]));
        }
        if (!valid()) sb.append("  INVALID (non-200 ").append(non200).append(", errors ").append(errors).append(')');
        return sb.toString();
    }

    private static void array(ArrayNode a, double[] values) {
        for (double v : values) a.add(v);
    }
}

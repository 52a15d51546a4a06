package org.openuid.bench.report;

/** Number formats of the report (Locale.ROOT is set by {@link BenchReport#main}). */
final class Fmt {
    private Fmt() {}

    /** The smallest of 1, 2, 2.5, 5 × 10^k that is at least {@code v} (round axis ends). */
    static double niceMax(double v) {
        double e = Math.pow(10, Math.floor(Math.log10(v)));
        double f = v / e;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * e;
    }

    static String pct(double v) {
        if (Double.isNaN(v)) return "–";
        return v < 0.1 ? String.format("%.1f %%", 100 * v) : String.format("%.0f %%", 100 * v);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "–";
        if (Math.abs(v) >= 100) return String.format("%,.0f", v);
        if (Math.abs(v) >= 10) return String.format("%.1f", v);
        return String.format("%.2f", v);
    }

    static String mib(double bytes) {
        return Double.isNaN(bytes) ? "–" : String.format("%,.0f", bytes / 1048576);
    }

    static String count(double v) {
        return Double.isNaN(v) ? "–" : String.format("%,.0f", v);
    }
}

package org.openuid.server.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Samples the dashboard's totals every few seconds and turns them into per-second rates over the last minute, and a
 * ten-minute history of the request rate. Keeps at most {@link #MAX_SAMPLES} samples.
 */
final class RateSampler {
    static final long INTERVAL_MS = 5_000;
    static final long WINDOW_MS = 60_000;
    static final int MAX_SAMPLES = 121;

    private record Sample(long atMs, DashboardRoutes.Totals totals) {}

    /** Rates over {@code windowSeconds} (0 when there is no earlier sample yet). */
    record Rates(double requestsPerSecond, double generatedPerSecond, double refreshedPerSecond, long windowSeconds) {}

    /** One point of the request-rate history. */
    record Point(long atMs, double requestsPerSecond) {}

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    synchronized void sample(long nowMs, DashboardRoutes.Totals totals) {
        samples.addLast(new Sample(nowMs, totals));
        while (samples.size() > MAX_SAMPLES) samples.removeFirst();
    }

    /** Rates from the oldest sample within the window (or the oldest there is) to {@code now}. */
    synchronized Rates rates(long nowMs, DashboardRoutes.Totals now) {
        Sample base = null;
        for (Iterator<Sample> it = samples.iterator(); it.hasNext(); ) {
            Sample s = it.next();
            if (nowMs - s.atMs() <= WINDOW_MS && s.atMs() < nowMs) {
                base = s;
                break;
            }
        }
        if (base == null) return new Rates(0, 0, 0, 0);
        double dt = (nowMs - base.atMs()) / 1000.0;
        return new Rates(round((now.requests() - base.totals().requests()) / dt),
                round((now.generated() - base.totals().generated()) / dt),
                round((now.refreshed() - base.totals().refreshed()) / dt), Math.round(dt));
    }

    /** Request rate between consecutive samples, oldest first. */
    synchronized List<Point> history() {
        List<Point> out = new ArrayList<>();
        Sample prev = null;
        for (Sample s : samples) {
            if (prev != null && s.atMs() > prev.atMs())
                out.add(new Point(s.atMs(), round((s.totals().requests() - prev.totals().requests()) * 1000.0 / (s.atMs() - prev.atMs()))));
            prev = s;
        }
        return out;
    }

    private static double round(double v) {
        return Math.max(0, Math.round(v * 100) / 100.0);
    }
}

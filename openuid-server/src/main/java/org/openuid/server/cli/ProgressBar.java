package org.openuid.server.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar for long commands, written to stderr: share of bytes done, bytes, lines, rate and estimated time
 * left. On a terminal it redraws one line (carriage return) at most every {@value #REDRAW_MILLIS} ms; otherwise
 * (output redirected to a file or a log) it prints a plain line every {@value #LOG_MILLIS} ms, so logs stay readable.
 */
public final class ProgressBar {
    static final long REDRAW_MILLIS = 200;
    static final long LOG_MILLIS = 5_000;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private final long startDone;
    private final LongSupplier nanoClock;
    private final boolean interactive;
    private String unit = "lines";
    private final long startNanos;
    private long lastDrawNanos;
    private int lastLength;

    /**
     * @param total     total bytes
     * @param startDone bytes already done before this run (a resumed import): rates count only this run's work
     */
    public ProgressBar(PrintStream out, long total, long startDone, LongSupplier nanoClock, boolean interactive) {
        this.out = out;
        this.total = total;
        this.startDone = startDone;
        this.nanoClock = nanoClock;
        this.interactive = interactive;
        this.startNanos = nanoClock.getAsLong();
        this.lastDrawNanos = startNanos;
    }

    /** What the count after the bytes counts (default {@code lines}). */
    public ProgressBar counting(String unit) {
        this.unit = unit;
        return this;
    }

    /** Redraws when enough time has passed since the last drawing. */
    public void update(long done, long lines) {
        long now = nanoClock.getAsLong();
        long every = (interactive ? REDRAW_MILLIS : LOG_MILLIS) * 1_000_000L;
        if (now - lastDrawNanos < every) return;
        lastDrawNanos = now;
        draw(done, lines, now, false);
    }

    /** Prints a message on its own line without breaking the bar. */
    public void message(String text) {
        if (interactive && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
        out.println(text);
    }

    /** Draws the final state and ends the line. */
    public void finish(long done, long lines) {
        draw(done, lines, nanoClock.getAsLong(), true);
    }

    private void draw(long done, long lines, long now, boolean last) {
        String text = render(done, total, lines, unit, done - startDone, (now - startNanos) / 1e9);
        if (interactive) {
            String padded = text.length() < lastLength ? text + " ".repeat(lastLength - text.length()) : text;
            out.print("\r" + padded + (last ? System.lineSeparator() : ""));
            lastLength = last ? 0 : text.length();
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** The bar for {@code done} of {@code total} bytes; {@code runBytes} were done in {@code seconds}. */
    static String render(long done, long total, long lines, long runBytes, double seconds) {
        return render(done, total, lines, "lines", runBytes, seconds);
    }

    static String render(long done, long total, long lines, String unit, long runBytes, double seconds) {
        double fraction = total <= 0 ? 1.0 : Math.min(1.0, Math.max(0.0, (double) done / total));
        int filled = (int) Math.round(fraction * WIDTH);
        StringBuilder b = new StringBuilder(120);
        b.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
        b.append(String.format(Locale.ROOT, "%5.1f%%  %s / %s  %,d %s", fraction * 100, bytes(done), bytes(total), lines, unit));
        if (seconds > 0.05 && runBytes > 0) {
            double rate = runBytes / seconds;
            b.append("  ").append(bytes((long) rate)).append("/s");
            if (done < total) b.append("  ETA ").append(duration((long) Math.ceil((total - done) / rate)));
        }
        return b.toString();
    }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024L * 1024) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
    }

    static String duration(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}

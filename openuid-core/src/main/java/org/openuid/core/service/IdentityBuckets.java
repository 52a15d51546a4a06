package org.openuid.core.service;

import org.openuid.core.uid.SaltTable;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.function.IntConsumer;

/**
 * The salt buckets rotated since a time (spec endpoints.md §10, keys-and-data.md §6.4): parsing of
 * {@code since_timestamp}, selection in salt-file order, and the {@code last_updated} text.
 */
public final class IdentityBuckets {
    public static final String MISSING_SINCE = "missing parameter since_timestamp";
    public static final String INVALID_SINCE = "invalid date, must conform to ISO 8601";

    private IdentityBuckets() {}

    /**
     * Parses {@code since_timestamp}: an ISO-8601 local date-time ({@code yyyy-MM-ddTHH:mm:ss}, optional fraction of
     * up to nine digits; seconds may be left out as in ISO-8601) without zone designator, read as UTC.
     *
     * @return epoch ms (fractions below a millisecond are dropped), or empty when the text is not such a date-time
     */
    public static OptionalLong parseSince(String text) {
        if (text == null) return OptionalLong.empty();
        try {
            LocalDateTime t = LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            return OptionalLong.of(t.toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** Calls {@code visitor} with the index of every bucket whose {@code lastUpdated ≥ sinceMs}, in file order. */
    public static void forEachUpdatedSince(SaltTable salts, long sinceMs, IntConsumer visitor) {
        int n = salts.size();
        for (int i = 0; i < n; i++) {
            if (salts.lastUpdated(i) >= sinceMs) visitor.accept(i);
        }
    }

    /**
     * Appends {@code ms} as {@code yyyy-MM-dd'T'HH:mm:ss.SSS} in UTC (always three fraction digits). Years outside
     * 0..9999 are written as ISO-8601 does ({@code +10000}, {@code -0001}).
     */
    public static void appendLastUpdated(StringBuilder sb, long ms) {
        long seconds = Math.floorDiv(ms, 1000L);
        int millis = (int) Math.floorMod(ms, 1000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            sb.append(t.toLocalDate());
        } else {
            pad(sb, year, 4);
            sb.append('-');
            pad(sb, t.getMonthValue(), 2);
            sb.append('-');
            pad(sb, t.getDayOfMonth(), 2);
        }
        sb.append('T');
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        sb.append('.');
        pad(sb, millis, 3);
    }

    /** {@link #appendLastUpdated} as a string. */
    public static String formatLastUpdated(long ms) {
        StringBuilder sb = new StringBuilder(24);
        appendLastUpdated(sb, ms);
        return sb.toString();
    }

    private static void pad(StringBuilder sb, int value, int width) {
        int digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 4;
        for (int i = digits; i < width; i++) sb.append('0');
        sb.append(value);
    }
}

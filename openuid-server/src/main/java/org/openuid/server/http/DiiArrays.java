package org.openuid.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.core.envelope.RequestEnvelope;
import org.openuid.core.identity.DiiKind;

import java.util.Iterator;

/**
 * The DII arrays of an identity map request object (email, email_hash, phone, phone_hash), as the v1, v2 and v3
 * handlers read them: per kind absent (or JSON null), not an array, or an array ({@link DiiValues}); how many fields
 * the object has, and whether any is not a DII field.
 *
 * <p>{@link #parse} reads the shape every client sends with a purpose-built reader ({@link #read}) and everything
 * else through a Jackson tree, so that the reader only needs to be right about the plain shape: the result is the
 * same either way (DiiArraysTest compares the two).
 */
public final class DiiArrays {
    /** Longest string the plain reader takes (anything longer is left to Jackson and its limits). */
    static final int MAX_PLAIN_STRING = 1024;

    private static final byte[][] FIELDS = new byte[DiiKind.all().length][];

    static {
        for (DiiKind k : DiiKind.all()) FIELDS[k.ordinal()] = k.field.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private final DiiValues[] values = new DiiValues[DiiKind.all().length];
    private final boolean[] notArray = new boolean[DiiKind.all().length];
    private int fields;
    private boolean otherField;

    private DiiArrays() {}

    /** The arrays of a request's JSON bytes; null when they are not a JSON object (or null). */
    public static DiiArrays parse(byte[] json) {
        if (json == null) return null;
        DiiArrays plain = read(json);
        return plain != null ? plain : of(Json.parseObject(json));
    }

    /**
     * What {@link #parseObject} answers for bytes that are not exactly one JSON object (the check of step 8 of
     * encryption.md §1.4); never read.
     */
    public static final DiiArrays NOT_AN_OBJECT = new DiiArrays();

    /**
     * The arrays of a payload that the envelope has not checked to be one JSON object: {@link #NOT_AN_OBJECT} when it
     * is not ({@code RequestEnvelope.isJsonObject}), else what {@link #parse} reads; null for null. The plain reader
     * only accepts exactly one JSON object, so the Jackson pass of the check runs only for the other shapes.
     */
    public static DiiArrays parseObject(byte[] json) {
        if (json == null) return null;
        DiiArrays plain = read(json);
        if (plain != null) return plain;
        return RequestEnvelope.isJsonObject(json) ? of(Json.parseObject(json)) : NOT_AN_OBJECT;
    }

    /** The arrays of a parsed request object; null for null. */
    public static DiiArrays of(ObjectNode payload) {
        if (payload == null) return null;
        DiiArrays a = new DiiArrays();
        a.fields = payload.size();
        for (Iterator<String> names = payload.fieldNames(); names.hasNext(); ) {
            if (kindOf(names.next()) == null) a.otherField = true;
        }
        for (DiiKind k : DiiKind.all()) {
            JsonNode v = payload.get(k.field);
            if (v == null || v.isNull()) continue;
            if (v.isArray()) a.values[k.ordinal()] = DiiValues.ofArray(v);
            else a.notArray[k.ordinal()] = true;
        }
        return a;
    }

    /** The array of {@code kind}; null when absent, JSON null or not an array. */
    public DiiValues values(DiiKind kind) { return values[kind.ordinal()]; }

    /** True when the field of {@code kind} is present with a value that is neither null nor an array. */
    public boolean notArray(DiiKind kind) { return notArray[kind.ordinal()]; }

    /** Number of fields of the object (JSON null values included). */
    public int fields() { return fields; }

    /** True when the object has a field that is not one of the four DII fields. */
    public boolean hasOtherField() { return otherField; }

    private static DiiKind kindOf(String field) {
        for (DiiKind k : DiiKind.all()) if (k.field.equals(field)) return k;
        return null;
    }

    /**
     * The plain shape, read without Jackson: an object whose fields are distinct DII fields, each null or an array of
     * strings of printable ASCII without quote or backslash (at most {@value #MAX_PLAIN_STRING} bytes), with JSON
     * whitespace anywhere between tokens and nothing but whitespace after the object.
     *
     * @return null when the bytes are anything else (then Jackson reads them)
     */
    static DiiArrays read(byte[] b) {
        DiiArrays a = new DiiArrays();
        int n = b.length;
        int i = PlainJson.ws(b, 0);
        if (i >= n || b[i] != '{') return null;
        i = PlainJson.ws(b, i + 1);
        if (i < n && b[i] == '}') return PlainJson.end(b, i + 1) ? a : null;
        int[] spans = new int[64];
        while (true) {
            if (i >= n || b[i] != '"') return null;
            int k = field(b, i + 1);
            if (k < 0 || a.seen(k)) return null;
            a.fields++;
            i = PlainJson.ws(b, i + 2 + FIELDS[k].length);
            if (i >= n || b[i] != ':') return null;
            i = PlainJson.ws(b, i + 1);
            if (i + 4 <= n && b[i] == 'n' && b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l') {
                a.nulls |= 1 << k;
                i += 4;
            } else if (i < n && b[i] == '[') {
                int count = 0;
                i = PlainJson.ws(b, i + 1);
                if (i < n && b[i] == ']') {
                    i++;
                } else {
                    while (true) {
                        if (i >= n || b[i] != '"') return null;
                        int from = i + 1;
                        int to = from;
                        int limit = Math.min(n, from + MAX_PLAIN_STRING + 1);
                        while (to < limit && PlainJson.plain(b[to])) to++;
                        if (to >= limit || b[to] != '"') return null;
                        if (2 * count + 2 > spans.length) spans = java.util.Arrays.copyOf(spans, 2 * spans.length);
                        spans[2 * count] = from;
                        spans[2 * count + 1] = to;
                        count++;
                        i = PlainJson.ws(b, to + 1);
                        if (i < n && b[i] == ',') {
                            i = PlainJson.ws(b, i + 1);
                        } else if (i < n && b[i] == ']') {
                            i++;
                            break;
                        } else {
                            return null;
                        }
                    }
                }
                a.values[k] = DiiValues.ofSpans(b, java.util.Arrays.copyOf(spans, 2 * count), count);
            } else {
                return null;
            }
            i = PlainJson.ws(b, i);
            if (i < n && b[i] == ',') {
                i = PlainJson.ws(b, i + 1);
            } else if (i < n && b[i] == '}') {
                return PlainJson.end(b, i + 1) ? a : null;
            } else {
                return null;
            }
        }
    }

    /** Fields seen by the plain reader as JSON null (bit per kind). */
    private int nulls;

    private boolean seen(int kind) {
        return values[kind] != null || (nulls & (1 << kind)) != 0;
    }

    /** The kind whose quoted field name starts at {@code at} (just after the opening quote), or -1. */
    private static int field(byte[] b, int at) {
        for (int k = 0; k < FIELDS.length; k++) {
            byte[] f = FIELDS[k];
            int close = at + f.length;
            if (close < b.length && b[close] == '"' && java.util.Arrays.equals(b, at, close, f, 0, f.length)) return k;
        }
        return -1;
    }
}

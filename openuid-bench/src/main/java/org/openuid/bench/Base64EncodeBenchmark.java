package org.openuid.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openuid.server.http.Base64Pairs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Standard Base64 encoding three ways: the JDK's encoder (as {@code Responses.encrypted} encodes a sealed answer),
 * {@link Base64Pairs} (two characters per table load, what {@code JsonBytes.base64} writes a raw UID with) and the
 * loop of one table load per character that {@code JsonBytes.base64} used before. Sizes: a raw UID (32 bytes), a
 * token answer, and the sealed answers of identity map requests of 1,000 and 5,000 identities. Where the CPU has
 * AVX-512 the JDK's encoder is an intrinsic once its caller is compiled by C2 and wins on large inputs; on short ones
 * and without the intrinsic (-XX:-UseBASE64Intrinsics) the table of pairs is ahead.
 */
public class Base64EncodeBenchmark extends NanoBenchmark {
    private static final byte[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            .getBytes(StandardCharsets.US_ASCII);

    @Param({"32", "600", "150000", "750000"})
    int bytes;

    private byte[] blob;
    private byte[] out;

    @Setup
    public void setUp() {
        blob = new byte[bytes];
        new Random(3).nextBytes(blob);
        out = new byte[Base64Pairs.encodedLength(bytes)];
    }

    @Benchmark
    public ByteBuffer jdk() {
        return Base64.getEncoder().encode(ByteBuffer.wrap(blob, 0, blob.length));
    }

    @Benchmark
    public byte[] pairs() {
        return Base64Pairs.encode(blob, 0, blob.length);
    }

    /** Into an array kept between calls, as {@code JsonBytes} writes. */
    @Benchmark
    public int pairsInPlace() {
        return Base64Pairs.encode(blob, 0, blob.length, out, 0);
    }

    /** The loop {@code JsonBytes.base64} had, into an array kept between calls. */
    @Benchmark
    public int charLoopInPlace() {
        byte[] b = blob;
        int o = 0;
        int i = 0;
        int full = b.length - b.length % 3;
        for (; i < full; i += 3) {
            int bits = ((b[i] & 0xFF) << 16) | ((b[i + 1] & 0xFF) << 8) | (b[i + 2] & 0xFF);
            out[o] = ALPHABET[bits >>> 18];
            out[o + 1] = ALPHABET[(bits >>> 12) & 0x3F];
            out[o + 2] = ALPHABET[(bits >>> 6) & 0x3F];
            out[o + 3] = ALPHABET[bits & 0x3F];
            o += 4;
        }
        int rest = b.length - full;
        if (rest > 0) {
            int bits = (b[i] & 0xFF) << 16 | (rest == 2 ? (b[i + 1] & 0xFF) << 8 : 0);
            out[o++] = ALPHABET[bits >>> 18];
            out[o++] = ALPHABET[(bits >>> 12) & 0x3F];
            out[o++] = rest == 2 ? ALPHABET[(bits >>> 6) & 0x3F] : (byte) '=';
            out[o++] = '=';
        }
        return o;
    }
}

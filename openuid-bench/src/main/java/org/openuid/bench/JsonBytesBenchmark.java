package org.openuid.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openuid.server.http.JsonBytes;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The fixed part of a v2 identity map answer for 1,000 mapped identities (field names, punctuation and the raw UID's
 * Base64, without the echoed identifier and the bucket id): the literals written as text, character by character,
 * against the same literals as bytes, one array copy each ({@code IdentityMapV2Handler}).
 */
public class JsonBytesBenchmark extends NanoBenchmark {
    private static final byte[] FIRST = "{\"identifier\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT = ",{\"identifier\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ADVERTISING_ID = ",\"advertising_id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BUCKET_ID = ",\"bucket_id\":".getBytes(StandardCharsets.US_ASCII);

    private final byte[][] rawUids = new byte[1000][32];

    @Setup
    public void setUp() {
        Random random = new Random(5);
        for (byte[] uid : rawUids) random.nextBytes(uid);
    }

    @Benchmark
    public int literalsAsText() {
        JsonBytes out = new JsonBytes(0, 1000 * 100);
        for (int i = 0; i < rawUids.length; i++) {
            out.ascii(i == 0 ? "{\"identifier\":" : ",{\"identifier\":");
            out.ascii(",\"advertising_id\":").base64(rawUids[i]).ascii(",\"bucket_id\":").ascii('}');
        }
        return out.length();
    }

    @Benchmark
    public int literalsAsBytes() {
        JsonBytes out = new JsonBytes(0, 1000 * 100);
        for (int i = 0; i < rawUids.length; i++) {
            out.ascii(i == 0 ? FIRST : NEXT);
            out.ascii(ADVERTISING_ID).base64(rawUids[i]).ascii(BUCKET_ID).ascii('}');
        }
        return out.length();
    }
}

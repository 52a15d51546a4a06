package org.openuid.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.envelope.EnvelopeException;
import org.openuid.core.envelope.OpenedRequest;
import org.openuid.core.envelope.RequestEnvelope;
import org.openuid.core.envelope.ResponseEnvelope;
import org.openuid.core.identity.IdentityScope;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * The v2 envelope (spec encryption.md §1): opening a Base64 request as the server does (decode, GCM open, timestamp
 * and JSON-object checks) and sealing the answer, for a generate request (an {@code email_hash}) and an identity
 * map request of 1,000 hashes, answered with a generate-sized and a map-sized response.
 */
public class EnvelopeBenchmark extends NanoBenchmark {
    @Param({"generate", "map-1000"})
    String request;

    private final RequestEnvelope envelope = new RequestEnvelope(IdentityScope.UID2);
    private final IvSource ivs = IvSource.secure();
    private byte[] secret;
    private byte[] body;
    private long timestamp;
    private byte[] nonce;
    private byte[] responseJson;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        secret = new byte[32];
        random.nextBytes(secret);
        nonce = new byte[8];
        random.nextBytes(nonce);
        String json;
        if (request.equals("generate")) {
            json = Shapes.GENERATE_REQUEST_JSON;
            responseJson = Shapes.RESPONSE_JSON.getBytes(StandardCharsets.UTF_8);
        } else {
            StringBuilder sb = new StringBuilder("{\"email_hash\":[");
            StringBuilder answer = new StringBuilder("{\"body\":{\"mapped\":[");
            for (int i = 0; i < 1000; i++) {
                byte[] h = new byte[32];
                random.nextBytes(h);
                String hash = Base64.getEncoder().encodeToString(h);
                sb.append(i == 0 ? "\"" : ",\"").append(hash).append('"');
                answer.append(i == 0 ? "" : ",").append("{\"identifier\":\"").append(hash)
                        .append("\",\"advertising_id\":\"").append(hash).append("\",\"bucket_id\":\"a30od4mNRd\"}");
            }
            json = sb.append("]}").toString();
            responseJson = answer.append("]},\"status\":\"success\"}").toString().getBytes(StandardCharsets.UTF_8);
        }
        timestamp = System.currentTimeMillis();
        body = Base64.getEncoder().encode(RequestEnvelope.seal(secret, timestamp, nonce,
                json.getBytes(StandardCharsets.UTF_8), ivs));
    }

    /** Base64 request body to timestamp, nonce and payload (what every v2 endpoint does first). */
    @Benchmark
    public OpenedRequest openRequest() throws EnvelopeException {
        return envelope.open(body, false, secret, timestamp);
    }

    /**
     * The same without the check that the payload is one JSON object, as the identity map handlers open it (their
     * reader of the arrays makes the check): the difference to {@link #openRequest} is what the check costs.
     */
    @Benchmark
    public OpenedRequest openRequestUnchecked() throws EnvelopeException {
        return envelope.open(body, false, secret, timestamp, false);
    }

    /** JSON answer to the encrypted response blob (before Base64). */
    @Benchmark
    public byte[] sealResponse() {
        return ResponseEnvelope.seal(secret, timestamp, nonce, responseJson, ivs);
    }
}

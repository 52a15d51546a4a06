package org.openuid.core.envelope;

import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;

/**
 * The v2 request envelope (spec encryption.md §1): version byte 1 ‖ GCM blob of (timestamp ‖ nonce ‖ JSON).
 * Opening follows the ordered checks of §1.4 with their exact messages and the ±2 minute window of §1.5.
 */
public final class RequestEnvelope {

    /** @param scope selects the documentation host quoted in error messages */
    public RequestEnvelope(IdentityScope scope) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * @param body               raw HTTP body bytes (may be empty)
     * @param octetStreamRequest true when the request Content-Type is application/octet-stream
     */
    public OpenedRequest open(byte[] body, boolean octetStreamRequest, byte[] secret, long nowMs) throws EnvelopeException {
        throw new UnsupportedOperationException("TODO");
    }

    /** Client side: builds the encrypted envelope bytes (not Base64). {@code json} may be null or empty. */
    public static byte[] seal(byte[] secret, long timestampMs, byte[] nonce, byte[] json, IvSource ivs) {
        throw new UnsupportedOperationException("TODO");
    }
}

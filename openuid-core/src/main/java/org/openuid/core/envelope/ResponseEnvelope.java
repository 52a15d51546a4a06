package org.openuid.core.envelope;

import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;

/** The v2 response envelope (spec encryption.md §1.6): GCM blob of (timestamp ‖ request nonce ‖ JSON), no version byte. */
public final class ResponseEnvelope {
    private ResponseEnvelope() {}

    public static byte[] seal(byte[] secret, long nowMs, byte[] nonce, byte[] json, IvSource ivs) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Client side: decrypts, checks the nonce, returns the JSON bytes. */
    public static byte[] open(byte[] secret, byte[] blob, byte[] expectedNonce) throws CryptoException {
        throw new UnsupportedOperationException("TODO");
    }
}

package org.openuid.core.envelope;

/**
 * A decrypted v2 request: client timestamp (ms), the 8-byte nonce to echo, the JSON payload bytes
 * ({@code null} when absent, i.e. the plaintext was exactly 16 bytes) and whether the exchange is binary.
 */
public record OpenedRequest(long timestampMs, byte[] nonce, byte[] payload, boolean binary) {
}

package org.openuid.core.model;

/** An AES-256 key of a keyset. Times in epoch seconds. */
public record KeysetKey(int id, int keysetId, long created, long activates, long expires, byte[] secret) {
}

package org.openuid.core.model;

/**
 * An opt-out: first-level hash of the DII (empty for an opt-out known only by its raw UID), its raw UID at the
 * time, and when (epoch seconds). Spec keys-and-data.md §7.
 */
public record OptOutRecord(byte[] firstLevelHash, byte[] rawUid, long timestampSeconds) {
}

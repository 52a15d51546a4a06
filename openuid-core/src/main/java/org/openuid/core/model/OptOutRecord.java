package org.openuid.core.model;

/** An opt-out: first-level hash of the DII, its raw UID at the time, and when (epoch seconds). */
public record OptOutRecord(byte[] firstLevelHash, byte[] rawUid, long timestampSeconds) {
}

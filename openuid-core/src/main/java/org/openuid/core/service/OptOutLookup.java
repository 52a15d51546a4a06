package org.openuid.core.service;

/** Read side of the opt-out index. */
public interface OptOutLookup {
    /** @return opt-out time in epoch seconds for this first-level hash, or -1 when the user has not opted out */
    long optedOutSince(byte[] firstLevelHash);

    /** @return earliest opt-out time in epoch seconds recorded for this raw UID (Base64 text), or -1 */
    long optedOutSinceByRawUid(String rawUidBase64);

    OptOutLookup NONE = new OptOutLookup() {
        @Override public long optedOutSince(byte[] firstLevelHash) { return -1; }
        @Override public long optedOutSinceByRawUid(String rawUidBase64) { return -1; }
    };
}

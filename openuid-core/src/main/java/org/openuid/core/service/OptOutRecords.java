package org.openuid.core.service;

import org.openuid.core.identity.UserIdentity;
import org.openuid.core.model.OptOutRecord;

/** Builds the opt-out record of an identity: its first-level hash and current raw UID (spec keys-and-data.md §7). */
public final class OptOutRecords {
    private OptOutRecords() {}

    public static OptOutRecord forIdentity(Snapshot s, TokenService tokens, UserIdentity identity, long nowSec) {
        byte[] flh = TokenService.firstLevelHash(s, identity);
        return new OptOutRecord(flh, tokens.rawUid(s, flh, identity.type()), nowSec);
    }
}

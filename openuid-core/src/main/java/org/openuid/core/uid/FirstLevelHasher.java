package org.openuid.core.uid;

import org.openuid.core.crypto.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** firstLevelHash = SHA256( ascii(B64(identityHash)) ‖ ascii(firstLevelSalt) ) (spec tokens.md §2.2). Thread-safe. */
public final class FirstLevelHasher {
    private final byte[] salt;

    public FirstLevelHasher(String firstLevelSalt) {
        if (firstLevelSalt == null) {
            throw new IllegalArgumentException("first-level salt is required");
        }
        this.salt = firstLevelSalt.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] firstLevelHash(byte[] identityHash) {
        MessageDigest md = Sha256.digest();
        Base64Text.update(md, identityHash);
        md.update(salt);
        return md.digest();
    }
}

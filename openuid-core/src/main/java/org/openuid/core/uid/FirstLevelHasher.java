package org.openuid.core.uid;

import java.nio.charset.StandardCharsets;

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
        return firstLevelHash(identityHash, HashScratch.current());
    }

    /**
     * The first-level hash of an identity hash given as its standard Base64 text, {@code ascii[from .. from + 44)},
     * which must be exactly what {@link #firstLevelHash(byte[], HashScratch)} would encode (see
     * {@link org.openuid.core.identity.DiiParser#isCanonicalBase64Hash}): the same digest without decoding the text
     * and encoding it again.
     */
    public byte[] firstLevelHashOfText(byte[] ascii, int from, HashScratch scratch) {
        int n = Base64Packing.TEXT_LENGTH;
        byte[] text = scratch.room(n + salt.length);
        System.arraycopy(ascii, from, text, 0, n);
        System.arraycopy(salt, 0, text, n, salt.length);
        return scratch.hashText(n + salt.length);
    }

    /** The same with the calling thread's scratch passed in (identity map: one lookup per batch). */
    public byte[] firstLevelHash(byte[] identityHash, HashScratch scratch) {
        int n = scratch.putBase64(identityHash);
        System.arraycopy(salt, 0, scratch.room(n + salt.length), n, salt.length);
        return scratch.hashText(n + salt.length);
    }
}

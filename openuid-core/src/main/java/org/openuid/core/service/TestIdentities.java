package org.openuid.core.service;

import org.openuid.core.crypto.Sha256;
import org.openuid.core.uid.FirstLevelHasher;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The operator's test identities (spec endpoints.md §9), matched on the first-level hash so that the DII and
 * every hash form of it behave alike.
 */
public final class TestIdentities {
    /** Never opted out: validate@example.com, +12345678901. */
    private final byte[][] neverOptedOut;
    /** Always opted out: optout@example.com, +00000000000. */
    private final byte[][] alwaysOptedOut;
    /** Generate succeeds, refresh answers optout: refresh-optout@example.com, +00000000002. */
    private final byte[][] refreshOptOut;

    public TestIdentities(FirstLevelHasher hasher) {
        neverOptedOut = hashes(hasher, "validate@example.com", "+12345678901");
        alwaysOptedOut = hashes(hasher, "optout@example.com", "+00000000000");
        refreshOptOut = hashes(hasher, "refresh-optout@example.com", "+00000000002");
    }

    private static byte[][] hashes(FirstLevelHasher hasher, String... diis) {
        byte[][] out = new byte[diis.length][];
        for (int i = 0; i < diis.length; i++)
            out[i] = hasher.firstLevelHash(Sha256.hash(diis[i].getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static boolean in(byte[][] set, byte[] flh) {
        for (byte[] h : set) if (Arrays.equals(h, flh)) return true;
        return false;
    }

    public boolean isNeverOptedOut(byte[] flh) { return in(neverOptedOut, flh); }

    public boolean isAlwaysOptedOut(byte[] flh) { return in(alwaysOptedOut, flh); }

    public boolean isRefreshOptOut(byte[] flh) { return in(refreshOptOut, flh); }
}

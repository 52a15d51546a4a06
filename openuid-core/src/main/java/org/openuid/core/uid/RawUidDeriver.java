package org.openuid.core.uid;

import org.openuid.core.crypto.Sha256;
import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.model.KeyMaterial;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Raw UID derivation from a first-level hash and a salt bucket: v2 (32 bytes), v3 (33 bytes) for salt buckets,
 * v4 (33 bytes) for key-material buckets (spec tokens.md §2.4, §2.5). Thread-safe.
 *
 * <p>{@code bucketIndex} is the position in the {@link SaltTable} (file order), as returned by {@link BucketIndex}.
 */
public final class RawUidDeriver {
    public static final int V2_LENGTH = 32;
    public static final int V3_LENGTH = 33;
    public static final int V4_LENGTH = 33;

    static final long DAY_MS = 86_400_000L;
    static final int PREVIOUS_MAX_AGE_DAYS = 90;

    private static final ThreadLocal<EcbState> ECB = ThreadLocal.withInitial(EcbState::new);

    private final IdentityScope scope;
    private final IdentityEnvironment environment;
    private final boolean identityV3;

    public RawUidDeriver(IdentityScope scope, IdentityEnvironment environment, boolean identityV3) {
        if (scope == null || environment == null) {
            throw new IllegalArgumentException("scope and environment are required");
        }
        this.scope = scope;
        this.environment = environment;
        this.identityV3 = identityV3;
    }

    /** Current raw UID for the bucket at {@code bucketIndex}. */
    public byte[] current(byte[] firstLevelHash, IdentityType type, SaltTable table, int bucketIndex) {
        return current(firstLevelHash, type, table, bucketIndex, HashScratch.current());
    }

    /** The same with the calling thread's scratch passed in. */
    public byte[] current(byte[] firstLevelHash, IdentityType type, SaltTable table, int bucketIndex, HashScratch scratch) {
        if (table.hasCurrentSalt(bucketIndex)) {
            return fromSalt(firstLevelHash, type, table, bucketIndex, false, scratch);
        }
        KeyMaterial key = table.currentKey(bucketIndex);
        if (key == null) {
            throw new IllegalStateException("salt bucket " + table.bucketId(bucketIndex) + " has neither salt nor key");
        }
        return v4(firstLevelHash, type, key);
    }

    /** Previous raw UID per spec tokens.md §2.5 (null when none or rotated 90+ days ago). */
    public byte[] previous(byte[] firstLevelHash, IdentityType type, SaltTable table, int bucketIndex, long nowMs) {
        return previous(firstLevelHash, type, table, bucketIndex, nowMs, HashScratch.current());
    }

    /** The same with the calling thread's scratch passed in. */
    public byte[] previous(byte[] firstLevelHash, IdentityType type, SaltTable table, int bucketIndex, long nowMs,
                           HashScratch scratch) {
        long age = nowMs - table.lastUpdated(bucketIndex);
        if (Math.floorDiv(age, DAY_MS) >= PREVIOUS_MAX_AGE_DAYS) {
            return null;
        }
        if (table.hasPreviousSalt(bucketIndex)) {
            return fromSalt(firstLevelHash, type, table, bucketIndex, true, scratch);
        }
        KeyMaterial key = table.previousKey(bucketIndex);
        if (key == null || isEmpty(key.key()) || isEmpty(key.salt())) {
            return null;
        }
        return v4(firstLevelHash, type, key);
    }

    /** refresh_from in ms per spec tokens.md §2.5. */
    public static long refreshFrom(SaltTable table, int bucketIndex, long nowMs) {
        long refreshFrom = table.refreshFrom(bucketIndex);
        if (refreshFrom >= nowMs) {
            return refreshFrom;
        }
        return (Math.floorDiv(nowMs, DAY_MS) + 1) * DAY_MS;
    }

    /** v2 raw UID, SHA256(ascii(B64(firstLevelHash)) ‖ ascii(salt)), of an arbitrary salt string. */
    public static byte[] v2(byte[] firstLevelHash, String salt) {
        MessageDigest md = Sha256.digest();
        Base64Text.update(md, firstLevelHash);
        md.update(salt.getBytes(StandardCharsets.UTF_8));
        return md.digest();
    }

    /** v4 raw UID of {@code firstLevelHash} under {@code key} for this deriver's scope and environment. */
    public byte[] v4(byte[] firstLevelHash, IdentityType type, KeyMaterial key) {
        int metadata = (environment.value << 6) | (1 << 5) | (scope.value << 4) | (type.value << 2);
        int keyId = key.id();
        byte[] out = new byte[V4_LENGTH];
        out[0] = (byte) metadata;
        out[1] = (byte) (keyId >>> 16);
        out[2] = (byte) (keyId >>> 8);
        out[3] = (byte) keyId;

        MessageDigest md = Sha256.digest();
        md.update(key.salt().getBytes(StandardCharsets.UTF_8));
        md.update(firstLevelHash, 16, 16);
        md.update(out, 0, 4);
        byte[] ivHash = md.digest();
        System.arraycopy(ivHash, 0, out, 4, 12);

        byte[] counterBlock = new byte[16];
        System.arraycopy(out, 4, counterBlock, 0, 12);
        byte[] keystream = ECB.get().encryptBlock(key, counterBlock);
        for (int i = 0; i < 16; i++) {
            out[16 + i] = (byte) (firstLevelHash[16 + i] ^ keystream[i]);
        }
        byte checksum = 0;
        for (int i = 0; i < 32; i++) {
            checksum ^= out[i];
        }
        out[32] = checksum;
        return out;
    }

    private byte[] fromSalt(byte[] firstLevelHash, IdentityType type, SaltTable table, int index, boolean previous,
                            HashScratch scratch) {
        int offset = identityV3 ? 1 : 0;
        byte[] out = new byte[offset + V2_LENGTH];
        int n = scratch.putBase64(firstLevelHash);
        int saltLength = table.putSaltText(index, previous, scratch, n);
        scratch.hashTextInto(n + saltLength, out, offset);
        if (identityV3) {
            out[0] = (byte) ((scope.value << 4) | (type.value << 2));
        }
        return out;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /** Per-thread AES-256-ECB cipher that stays initialised while consecutive calls use the same key material. */
    private static final class EcbState {
        private final Cipher cipher;
        private final byte[] block = new byte[16];
        private KeyMaterial lastKey;

        EcbState() {
            try {
                cipher = Cipher.getInstance("AES/ECB/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/ECB unavailable", e);
            }
        }

        byte[] encryptBlock(KeyMaterial key, byte[] input) {
            try {
                if (key != lastKey) {
                    lastKey = null;
                    byte[] keyBytes = key.key().getBytes(StandardCharsets.UTF_8);
                    if (keyBytes.length != 32) {
                        throw new IllegalStateException("v4 key " + key.id() + " is not 32 characters");
                    }
                    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyBytes, "AES"));
                    lastKey = key;
                }
                cipher.doFinal(input, 0, 16, block, 0);
                return block;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES block encryption failed", e);
            }
        }
    }
}

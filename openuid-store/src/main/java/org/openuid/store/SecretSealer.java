package org.openuid.store;

import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Encrypts secrets at rest: client secrets, keyset key secrets, CSTG private keys, the first-level salt, the bucket id
 * secret and the salt buckets (one seal per chunk of {@value SaltChunkCodec#BUCKETS_PER_CHUNK}) are stored sealed with
 * AES-256-GCM under a key-encryption key kept outside the database (a key file or an environment variable), so a
 * copy of the database alone does not reveal them. Values written before sealing was configured (or by a store
 * opened without a key) are plain and still read; a sealed value read without the key is an error.
 *
 * <p><b>Rotating the key.</b> A sealer may also hold other keys, which open values but never seal: values sealed under
 * one of them are resealed under the key when the store is opened ({@link #reseal(byte[])}, {@code Resealing}), so a
 * deployment moves to a new key by first giving every node the new key as another key, then making it the key with the
 * old one as another key, then dropping the old one.
 *
 * <p>Formats: bytes = {@code 0x00 'O' 'S' 'L' 0x01} ‖ GCM blob; text = {@code "sealed:v1:"} + Base64(GCM blob).
 */
public final class SecretSealer {
    private static final byte[] BYTES_MAGIC = {0x00, 'O', 'S', 'L', 0x01};
    private static final String TEXT_PREFIX = "sealed:v1:";
    private static final SecretSealer NONE = new SecretSealer(null, List.of());

    private final byte[] kek;
    /** Keys that open values sealed before a rotation (or by nodes already rotated); never used to seal. */
    private final List<byte[]> others;

    private SecretSealer(byte[] kek, List<byte[]> others) {
        this.kek = kek;
        this.others = others;
    }

    /** Stores secrets as they are. */
    public static SecretSealer none() { return NONE; }

    public static SecretSealer withKey(byte[] kek) {
        if (kek == null || kek.length != 32) throw new IllegalArgumentException("the secrets key must be 32 bytes (Base64 of 32 bytes)");
        return new SecretSealer(kek.clone(), List.of());
    }

    /** This sealer, also opening values sealed under {@code others} (Base64 keys; none seals). */
    public SecretSealer withOtherKeys(List<String> others) {
        if (others.isEmpty()) return this;
        if (kek == null) throw new IllegalArgumentException("other secrets keys need a secrets key to reseal under");
        List<byte[]> keys = others.stream().map(k -> fromBase64(k).kek).filter(k -> !Arrays.equals(k, kek)).toList();
        return new SecretSealer(kek, keys);
    }

    /** Whether other keys than the one that seals are configured (a rotation is under way). */
    public boolean rotating() { return !others.isEmpty(); }

    /** Parses a Base64 key, as given in a key file or the environment. */
    public static SecretSealer fromBase64(String base64) {
        try {
            return withKey(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secrets key must be the Base64 of 32 bytes");
        }
    }

    /** Reads the key file, creating it (mode 600, 32 random bytes) when it does not exist and {@code create} is set. */
    public static SecretSealer fromKeyFile(Path file, boolean create) {
        try {
            if (!Files.exists(file) && create) {
                byte[] key = IvSource.secure().next(32);
                if (file.getParent() != null) Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secrets key file " + file, e);
        }
    }

    public boolean enabled() { return kek != null; }

    public byte[] sealBytes(byte[] secret) {
        if (kek == null || secret == null) return secret;
        byte[] blob = Aes256Gcm.encrypt(kek, secret, 0, secret.length, null, IvSource.secure());
        byte[] out = Arrays.copyOf(BYTES_MAGIC, BYTES_MAGIC.length + blob.length);
        System.arraycopy(blob, 0, out, BYTES_MAGIC.length, blob.length);
        return out;
    }

    public byte[] openBytes(byte[] stored) {
        if (stored == null || !isSealed(stored)) return stored;
        if (kek == null) throw new StoreException("the store holds sealed secrets: configure the secrets key", null);
        byte[] clear = open(kek, stored);
        for (int i = 0; clear == null && i < others.size(); i++) clear = open(others.get(i), stored);
        if (clear == null) throw new StoreException("a sealed secret cannot be opened: wrong secrets key", null);
        return clear;
    }

    /** The value under {@code key}, or null when {@code key} does not open it. */
    private static byte[] open(byte[] key, byte[] stored) {
        try {
            return Aes256Gcm.decrypt(key, stored, BYTES_MAGIC.length, stored.length - BYTES_MAGIC.length, null);
        } catch (CryptoException e) {
            return null;
        }
    }

    /**
     * The stored value as it should be stored now, or null when it is so already: a clear value sealed, a value sealed
     * under another key (only looked for while {@link #rotating}) sealed again under the key. Nothing without a key.
     *
     * @throws StoreException when no key opens a sealed value
     */
    public byte[] reseal(byte[] stored) {
        if (kek == null || stored == null) return null;
        if (!isSealed(stored)) return sealBytes(stored);
        if (others.isEmpty() || open(kek, stored) != null) return null;
        return sealBytes(openBytes(stored));
    }

    /** As {@link #reseal(byte[])}, for a text value. */
    public String reseal(String stored) {
        if (kek == null || stored == null) return null;
        if (!isSealed(stored)) return sealText(stored);
        if (others.isEmpty()) return null;
        byte[] blob = blob(stored);
        if (blob != null && open(kek, withMagic(blob)) != null) return null;
        return sealText(openText(stored));
    }

    public String sealText(String secret) {
        if (kek == null || secret == null) return secret;
        byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
        return TEXT_PREFIX + Base64.getEncoder().encodeToString(Aes256Gcm.encrypt(kek, plain, 0, plain.length, null, IvSource.secure()));
    }

    public String openText(String stored) {
        if (stored == null || !stored.startsWith(TEXT_PREFIX)) return stored;
        if (kek == null) throw new StoreException("the store holds sealed secrets: configure the secrets key", null);
        byte[] blob = blob(stored);
        if (blob == null || blob.length < Aes256Gcm.OVERHEAD) throw new StoreException("a sealed secret cannot be opened: wrong secrets key", null);
        return new String(openBytes(withMagic(blob)), StandardCharsets.UTF_8);
    }

    /** The GCM blob of a sealed text value, or null when it is not Base64. */
    private static byte[] blob(String stored) {
        try {
            return Base64.getDecoder().decode(stored.substring(TEXT_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] withMagic(byte[] blob) {
        byte[] out = Arrays.copyOf(BYTES_MAGIC, BYTES_MAGIC.length + blob.length);
        System.arraycopy(blob, 0, out, BYTES_MAGIC.length, blob.length);
        return out;
    }

    /** Whether a stored text value is sealed (written by {@link #sealText}). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(TEXT_PREFIX);
    }

    /** Whether a stored byte value is sealed (written by {@link #sealBytes}). */
    public static boolean isSealed(byte[] stored) {
        if (stored == null || stored.length < BYTES_MAGIC.length + Aes256Gcm.OVERHEAD) return false;
        for (int i = 0; i < BYTES_MAGIC.length; i++) if (stored[i] != BYTES_MAGIC[i]) return false;
        return true;
    }
}

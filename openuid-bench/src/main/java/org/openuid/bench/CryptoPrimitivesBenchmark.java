package org.openuid.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.crypto.Sha256;

import java.util.Random;

/**
 * The core's crypto wrappers one by one, at token sizes: a GCM seal and open of the 129-byte master layer of an
 * advertising token, SHA-256 of 88 bytes, and the randomness every seal needs (a 12-byte IV, a 32-byte response key)
 * from the production {@link IvSource}.
 */
public class CryptoPrimitivesBenchmark extends NanoBenchmark {
    private final IvSource ivs = IvSource.secure();
    private byte[] key;
    private byte[] plaintext;
    private byte[] blob;
    private byte[] shaInput;
    private final byte[] iv = new byte[12];

    @Setup
    public void setUp() {
        Random random = new Random(9);
        key = new byte[32];
        random.nextBytes(key);
        plaintext = new byte[Shapes.AD_MASTER_PLAINTEXT];
        random.nextBytes(plaintext);
        blob = Aes256Gcm.encrypt(key, plaintext, 0, plaintext.length, null, ivs);
        shaInput = new byte[88];
        random.nextBytes(shaInput);
    }

    @Benchmark
    public byte[] gcmSeal129() {
        return Aes256Gcm.encrypt(key, plaintext, 0, plaintext.length, null, ivs);
    }

    @Benchmark
    public byte[] gcmOpen129() throws CryptoException {
        return Aes256Gcm.decrypt(key, blob, 0, blob.length);
    }

    @Benchmark
    public byte[] sha256of88() {
        return Sha256.hash(shaInput);
    }

    @Benchmark
    public byte[] iv12() {
        ivs.fill(iv, 0, 12);
        return iv;
    }

    @Benchmark
    public byte[] key32() {
        return ivs.next(32);
    }
}

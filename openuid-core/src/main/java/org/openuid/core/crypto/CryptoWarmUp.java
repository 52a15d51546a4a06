package org.openuid.core.crypto;

import java.util.Random;

/**
 * Runs the JDK's AES-GCM and SHA-256 code often enough for the JIT to compile it with its intrinsics.
 *
 * <p>Why: the JDK encrypts large GCM inputs fast (several GB/s with AES-NI and carry-less multiplication) only once the
 * methods around its intrinsics are compiled, which takes thousands of calls. A node that serves mostly identity map,
 * whose requests and answers are hundreds of kilobytes but few, can otherwise run for a long time with GCM in its slow
 * path (measured below 100 MB/s on JDK 17 and 25), which then costs more than the mapping itself. Token endpoints make
 * thousands of small GCM calls and warm the same code by themselves.
 */
public final class CryptoWarmUp {
    /** Enough calls for tiered compilation to reach C2 for the GCM and SHA-256 paths. */
    static final int ROUNDS = 12_000;

    private CryptoWarmUp() {}

    /**
     * Encrypts and decrypts {@value #ROUNDS} small messages under a random key and hashes as many; takes about half a
     * second of one core (most of it JIT compilation). Returns early when the calling thread is interrupted.
     */
    public static void run() {
        Random random = new Random();
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] plain = new byte[1024];
        random.nextBytes(plain);
        byte[] blob = new byte[plain.length + Aes256Gcm.OVERHEAD];
        IvSource ivs = IvSource.secure();
        for (int i = 0; i < ROUNDS; i++) {
            if (i % 100 == 0 && Thread.currentThread().isInterrupted()) return;
            int len = 64 + (i % 8) * 120;
            int n = Aes256Gcm.encryptInto(key, plain, 0, len, null, ivs, blob, 0);
            try {
                Aes256Gcm.decrypt(key, blob, 0, n);
            } catch (CryptoException e) {
                throw new IllegalStateException("AES-GCM does not decrypt what it encrypted", e);
            }
            Sha256.hash(plain, 0, len);
        }
    }
}

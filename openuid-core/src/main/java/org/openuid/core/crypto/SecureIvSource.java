package org.openuid.core.crypto;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@link IvSource} backed by a CSPRNG (spec encryption.md §0: CSPRNG for all IVs, nonces, keys): per thread, a NIST
 * SP 800-90A Hash_DRBG (SHA-256, 256-bit security strength) that the JDK instantiates and reseeds from the operating
 * system's entropy source, read {@value #BUFFER} bytes at a time.
 *
 * <p>Why not one shared {@code new SecureRandom()}: on Linux that is NativePRNG, which takes a global lock and mixes
 * {@code /dev/urandom} with SHA1PRNG on every call; a token response needs six random values (five IVs and a
 * response key), and that cost was on the order of the AES-GCM work itself. A thread's own generator needs no lock,
 * and reading a buffer amortises the generator's per-call overhead. Every byte is handed out once and zeroed in the
 * buffer as it is handed out.
 */
final class SecureIvSource implements IvSource {
    static final SecureIvSource INSTANCE = new SecureIvSource();

    static final int BUFFER = 512;

    private final ThreadLocal<Pool> pool = ThreadLocal.withInitial(Pool::new);

    private SecureIvSource() {}

    @Override
    public void fill(byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        pool.get().take(dst, off, len);
    }

    @Override
    public byte[] next(int len) {
        byte[] b = new byte[len];
        pool.get().take(b, 0, len);
        return b;
    }

    /** One thread's generator and its buffer of not yet used bytes {@code buffer[position..BUFFER)}. */
    private static final class Pool {
        private final SecureRandom random = newDrbg();
        private final byte[] buffer = new byte[BUFFER];
        private int position = BUFFER;

        void take(byte[] dst, int off, int len) {
            if (len > BUFFER / 4) {
                byte[] direct = new byte[len];
                random.nextBytes(direct);
                System.arraycopy(direct, 0, dst, off, len);
                Arrays.fill(direct, (byte) 0);
                return;
            }
            if (BUFFER - position < len) {
                random.nextBytes(buffer);
                position = 0;
            }
            System.arraycopy(buffer, position, dst, off, len);
            Arrays.fill(buffer, position, position + len, (byte) 0);
            position += len;
        }
    }

    private static SecureRandom newDrbg() {
        try {
            return SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no DRBG available", e);
        }
    }
}

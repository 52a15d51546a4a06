package org.openuid.core.crypto;

import java.security.SecureRandom;

/** {@link IvSource} backed by one shared {@link SecureRandom} (spec encryption.md §0: CSPRNG for all IVs, nonces, keys). */
final class SecureIvSource implements IvSource {
    static final SecureIvSource INSTANCE = new SecureIvSource();

    private static final int SCRATCH = 64;

    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[SCRATCH]);

    private SecureIvSource() {}

    @Override
    public void fill(byte[] dst, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        if (off == 0 && len == dst.length) {
            random.nextBytes(dst);
            return;
        }
        byte[] buffer = len <= SCRATCH ? scratch.get() : new byte[len];
        random.nextBytes(buffer);
        System.arraycopy(buffer, 0, dst, off, len);
    }

    @Override
    public byte[] next(int len) {
        byte[] b = new byte[len];
        random.nextBytes(b);
        return b;
    }
}

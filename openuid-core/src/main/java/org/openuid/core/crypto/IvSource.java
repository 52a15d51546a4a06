package org.openuid.core.crypto;

/** Where IVs, nonces and fresh keys come from. Production uses a CSPRNG; tests pin bytes to reproduce spec vectors. */
@FunctionalInterface
public interface IvSource {
    void fill(byte[] dst, int off, int len);

    default byte[] next(int len) {
        byte[] b = new byte[len];
        fill(b, 0, len);
        return b;
    }

    /** Thread-safe CSPRNG source. */
    static IvSource secure() {
        return SecureIvSource.INSTANCE;
    }

    /** Always the same byte (for spec vectors). */
    static IvSource constant(byte value) {
        return (dst, off, len) -> java.util.Arrays.fill(dst, off, off + len, value);
    }
}

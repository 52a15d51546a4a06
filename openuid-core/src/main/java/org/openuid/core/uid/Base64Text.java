package org.openuid.core.uid;

import java.security.MessageDigest;
import java.util.Base64;

/** Feeds the standard Base64 text of some bytes into a digest through a per-thread buffer. */
final class Base64Text {
    private static final int BUFFER = 64;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[BUFFER]);

    private Base64Text() {}

    static void update(MessageDigest md, byte[] bytes) {
        int needed = 4 * ((bytes.length + 2) / 3);
        byte[] buffer = needed <= BUFFER ? SCRATCH.get() : new byte[needed];
        int n = Base64.getEncoder().encode(bytes, buffer);
        md.update(buffer, 0, n);
    }
}

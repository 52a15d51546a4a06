package org.openuid.core.token;

import org.openuid.core.crypto.IvSource;
import org.openuid.core.model.KeysetKey;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/** Keys of the reference test data used by the token vectors of tokens.md §8. */
final class TestKeys {
    static final long NOW = 1735689600000L;
    static final KeysetKey MASTER = key(101, -1, "vPdQIoN1nTwXIQoH4/GcHOAct7ymyrGUKXNQhgmq+E8=");
    static final KeysetKey REFRESH = key(102, -2, "RgyxkP4yP1gYhCINq7O9PxM6jX+etPqSQluZxjB1aG8=");
    static final KeysetKey SITE = key(104, 501, "bVZZOwCuO0fUf2P6CrwaY23erMErVQiMkGgpy2OMSxc=");
    static final KeyLookup ALL = Map.of(101, MASTER, 102, REFRESH, 104, SITE)::get;

    private TestKeys() {}

    static KeysetKey key(int id, int keyset, String secret) {
        return new KeysetKey(id, keyset, 1622691044, 1687635529, 4088629662L, Base64.getDecoder().decode(secret));
    }

    /** Successive calls fill with the successive given bytes (then repeat the last one). */
    static IvSource sequence(int... values) {
        int[] next = {0};
        return (dst, off, len) -> {
            int v = values[Math.min(next[0]++, values.length - 1)];
            Arrays.fill(dst, off, off + len, (byte) v);
        };
    }
}

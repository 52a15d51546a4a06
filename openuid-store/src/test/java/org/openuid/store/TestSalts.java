package org.openuid.store;

import org.openuid.core.crypto.IvSource;
import org.openuid.core.model.SaltBucket;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Random salt buckets for the store's salt tests. */
final class TestSalts {
    private TestSalts() {}

    /** A random 32-byte salt as Base64 text. */
    static String salt() {
        return Base64.getEncoder().encodeToString(IvSource.secure().next(32));
    }

    /** Buckets 1..count with a random current salt each, no previous salt and no key. */
    static List<SaltBucket> buckets(int count) {
        List<SaltBucket> list = new ArrayList<>();
        for (int i = 0; i < count; i++) list.add(new SaltBucket(i + 1, 1_700_000_000_000L + i, salt(), 1_800_000_000_000L, "", null, null));
        return list;
    }
}

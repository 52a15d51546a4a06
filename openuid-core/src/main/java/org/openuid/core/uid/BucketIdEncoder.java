package org.openuid.core.uid;

/** Public bucket id = prefix + Hashids(id) with salt = id secret, min length 9 (spec keys-and-data.md §6.3). Thread-safe. */
public final class BucketIdEncoder {

    public BucketIdEncoder(String prefix, String secret) {
        throw new UnsupportedOperationException("TODO");
    }

    public String encode(long id) {
        throw new UnsupportedOperationException("TODO");
    }
}

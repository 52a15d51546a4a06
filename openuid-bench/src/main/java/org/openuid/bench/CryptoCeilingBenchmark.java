package org.openuid.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;


/**
 * The crypto-only ceiling per core ({@link CryptoCeiling}): the bare GCM and SHA-256 operations of one generate, one
 * refresh and one mapped identity. 10⁹ ÷ the time per operation is the most requests (or identities) one core could
 * serve if the server did nothing but its cryptography.
 */
public class CryptoCeilingBenchmark extends NanoBenchmark {
    private CryptoCeiling ceiling;

    @Setup
    public void setUp() {
        ceiling = new CryptoCeiling();
    }

    /** /v2/token/generate with email_hash: GCM open + 2 SHA-256 + 5 GCM seals. */
    @Benchmark
    public int generate() {
        return ceiling.generate();
    }

    /** /v2/token/generate with email: one more SHA-256. */
    @Benchmark
    public int generateEmail() {
        return ceiling.generateEmail();
    }

    /** /v2/token/refresh: 2 GCM opens + SHA-256 + 5 GCM seals. */
    @Benchmark
    public int refresh() {
        return ceiling.refresh();
    }

    /** One identity of an identity map batch: 2 SHA-256. */
    @Benchmark
    public int mapIdentity() {
        return ceiling.mapIdentity();
    }
}

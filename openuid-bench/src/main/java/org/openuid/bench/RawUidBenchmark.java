package org.openuid.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.service.TokenService;
import org.openuid.core.uid.BucketIndex;
import org.openuid.core.uid.RawUidDeriver;

import java.util.Base64;

/**
 * Raw UID derivation (spec tokens.md §2): the first-level hash of an identity hash, and the current raw UID of a
 * first-level hash through {@link TokenService#rawUid} and through a reused {@link RawUidDeriver}, over a table of
 * 1,048,576 salt buckets (random bucket per call, as in production).
 */
public class RawUidBenchmark extends NanoBenchmark {
    private static final int INPUTS = 4096;

    @Param({"1048576"})
    int buckets;

    private BenchData data;
    private TokenService tokens;
    private RawUidDeriver deriver;
    private byte[][] identityHashes;
    private byte[][] firstLevelHashes;
    private int next;

    @Setup
    public void setUp() {
        data = new BenchData(buckets);
        tokens = new TokenService(IdentityScope.UID2, false, IvSource.secure());
        deriver = tokens.deriver(data.snapshot);
        identityHashes = new byte[INPUTS][];
        firstLevelHashes = new byte[INPUTS][];
        for (int i = 0; i < INPUTS; i++) {
            identityHashes[i] = Base64.getDecoder().decode(data.randomBase64());
            firstLevelHashes[i] = data.snapshot.firstLevelHasher().firstLevelHash(identityHashes[i]);
        }
    }

    private int nextIndex() {
        next = (next + 1) & (INPUTS - 1);
        return next;
    }

    /** SHA-256 over the Base64 identity hash and the first-level salt. */
    @Benchmark
    public byte[] firstLevelHash() {
        return data.snapshot.firstLevelHasher().firstLevelHash(identityHashes[nextIndex()]);
    }

    /** Bucket lookup and SHA-256 over the Base64 first-level hash and the bucket salt. */
    @Benchmark
    public byte[] tokenServiceRawUid() {
        return tokens.rawUid(data.snapshot, firstLevelHashes[nextIndex()], IdentityType.EMAIL);
    }

    @Benchmark
    public byte[] deriverCurrent() {
        byte[] flh = firstLevelHashes[nextIndex()];
        return deriver.current(flh, IdentityType.EMAIL, data.snapshot.salts(), BucketIndex.of(flh, buckets));
    }
}

package org.openuid.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.crypto.Sha256;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.service.IdentityMapService;
import org.openuid.core.service.IdentityMapping;
import org.openuid.core.service.OptOutLookup;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.TokenService;
import org.openuid.core.uid.BucketIdEncoder;
import org.openuid.core.uid.SaltTable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Per-identity cost of identity mapping (an {@code email_hash} input to its raw UID through
 * {@link IdentityMapService}) next to the cost of the two SHA-256 operations the mapping strictly needs: the
 * first-level hash, SHA-256 over 88 bytes (the 44-character Base64 identity hash and a 44-character first-level
 * salt), and the raw UID, SHA-256 over 88 bytes (the 44-character Base64 first-level hash and a 44-character bucket
 * salt). Run with {@code java -jar openuid-bench/target/benchmarks.jar IdentityMapBenchmark} (docs/benchmarks-map.md).
 */
public class IdentityMapBenchmark extends NanoBenchmark {
    private static final int INPUTS = 4096;
    private static final int SHA_INPUT = 88;

    /** Salt buckets in the table; 1,048,576 is a production table. */
    @Param({"1048576"})
    int buckets;

    private IdentityMapService.Mapper mapper;
    private BucketIdEncoder bucketIds;
    private String[] emailHashes;
    private byte[][] firstInputs;
    private byte[] secondInput;
    private int next;
    private final byte[] idText = new byte[BucketIdEncoder.WRITE_ROOM];

    @Setup
    public void setUp() {
        Random random = new Random(42);
        SaltTable.Builder table = SaltTable.builder(buckets);
        byte[] salt = new byte[32];
        for (int i = 0; i < buckets; i++) {
            random.nextBytes(salt);
            table.add(i, 0, Base64.getEncoder().encodeToString(salt), Long.MAX_VALUE, "", null, null);
        }
        String firstLevelSalt = randomBase64(random);
        Snapshot snapshot = new Snapshot(1, RuntimeConfig.productionDefaults(IdentityEnvironment.PROD),
                new SaltMetadata(firstLevelSalt, "b", randomBase64(random)), table.build(),
                List.of(), List.of(), List.of(), List.of(), List.of());
        TokenService tokens = new TokenService(IdentityScope.UID2, false, IvSource.secure());
        mapper = new IdentityMapService(tokens).mapper(snapshot, OptOutLookup.NONE, System.currentTimeMillis());
        bucketIds = snapshot.bucketIds();

        emailHashes = new String[INPUTS];
        firstInputs = new byte[INPUTS][];
        for (int i = 0; i < INPUTS; i++) {
            emailHashes[i] = randomBase64(random);
            firstInputs[i] = (emailHashes[i] + firstLevelSalt).getBytes(StandardCharsets.US_ASCII);
        }
        secondInput = (randomBase64(random) + randomBase64(random)).getBytes(StandardCharsets.US_ASCII);
        if (firstInputs[0].length != SHA_INPUT || secondInput.length != SHA_INPUT) throw new IllegalStateException("input sizes");
    }

    private static String randomBase64(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private int nextIndex() {
        next = (next + 1) & (INPUTS - 1);
        return next;
    }

    /** email_hash → current raw UID (v2 map without the bucket id text). */
    @Benchmark
    public IdentityMapping mapEmailHash() {
        return mapper.map(DiiKind.EMAIL_HASH, emailHashes[nextIndex()], false);
    }

    /** email_hash → current raw UID, previous raw UID and refresh time (v3 map). */
    @Benchmark
    public IdentityMapping mapEmailHashV3() {
        return mapper.map(DiiKind.EMAIL_HASH, emailHashes[nextIndex()], true);
    }

    /** email_hash → raw UID and the public bucket id text (what a v2 map answer element needs). */
    @Benchmark
    public String mapEmailHashWithBucketId() {
        IdentityMapping m = mapper.map(DiiKind.EMAIL_HASH, emailHashes[nextIndex()], false);
        return mapper.bucketId((IdentityMapping.Mapped) m);
    }

    /** The public bucket id text alone (Hashids of the bucket's integer id). */
    @Benchmark
    public String encodeBucketId() {
        return bucketIds.encode((nextIndex() * 257L) % buckets);
    }

    /** The same written as bytes into an answer buffer, as the v2 handler does (no string). */
    @Benchmark
    public int writeBucketId() {
        return bucketIds.writeHashids((nextIndex() * 257L) % buckets, idText, 0);
    }

    /** The floor: two chained SHA-256 over 88-byte inputs, the second fed with the first's output. */
    @Benchmark
    public byte[] twoSha256() {
        MessageDigest md = Sha256.digest();
        md.update(firstInputs[nextIndex()]);
        byte[] first = md.digest();
        System.arraycopy(first, 0, secondInput, 0, first.length);
        md.update(secondInput);
        return md.digest();
    }
}

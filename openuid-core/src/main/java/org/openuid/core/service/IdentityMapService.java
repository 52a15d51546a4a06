package org.openuid.core.service;

import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.identity.UserIdentity;
import org.openuid.core.uid.BucketIdEncoder;
import org.openuid.core.uid.BucketIndex;
import org.openuid.core.uid.HashScratch;
import org.openuid.core.uid.RawUidDeriver;
import org.openuid.core.uid.SaltTable;

/**
 * Identity mapping for advertisers and data providers (spec endpoints.md §7, §8, §9; tokens.md §2): an email,
 * phone or hash becomes its current raw UID and salt bucket, plus for v3 the previous raw UID and the refresh time,
 * or is unmapped as {@code invalid identifier} or {@code optout}. Pure: the snapshot, the opt-out view and the time
 * are passed in.
 *
 * <p>Raw UIDs are derived exactly as for tokens ({@link TokenService#deriver}), so a mapped raw UID equals the one
 * inside a token generated for the same identity at the same time. Opt-out follows
 * {@link TokenService#isOptedOut}: test identities first, then any opt-out record of the first-level hash.
 */
public final class IdentityMapService {
    private final TokenService tokens;

    public IdentityMapService(TokenService tokens) {
        this.tokens = tokens;
    }

    /** A mapper for one request: one snapshot, one opt-out view, one time. Cheap to create; thread-safe. */
    public Mapper mapper(Snapshot snapshot, OptOutLookup optOuts, long nowMs) {
        return new Mapper(snapshot, optOuts, tokens.deriver(snapshot), nowMs);
    }

    /** The inputs of a batch ({@link Mapper#mapAll}): the identity of input {@code i}, or null when it is invalid. */
    @FunctionalInterface
    public interface Inputs {
        UserIdentity identity(int i);

        /**
         * Where input {@code i} is a hash sent as the canonical Base64 text of its 32 bytes
         * ({@link org.openuid.core.identity.DiiParser#isCanonicalBase64Hash}): the offset of those 44 characters in
         * {@link #text()}, whose first-level hash is then taken as it is; -1 for any other input (then
         * {@link #identity} decides).
         */
        default int canonicalHashAt(int i) { return -1; }

        /** The bytes that {@link #canonicalHashAt} points into. */
        default byte[] text() { return null; }

        /** The identity type of an input read at {@link #canonicalHashAt}. */
        default IdentityType hashType() { return null; }
    }

    /** Identities per block of {@link Mapper#mapAll}: enough misses in flight to fill the CPU's miss buffers. */
    static final int BLOCK = 16;

    /** Keeps the reads of {@link SaltTable#touch} observable, so that the compiler cannot drop them. */
    @SuppressWarnings("unused")
    private static volatile int sink;

    /** Maps identities under one snapshot. Per identity: two SHA-256 (first-level hash, raw UID) plus the input hash. */
    public static final class Mapper {
        private final Snapshot snapshot;
        private final SaltTable salts;
        private final OptOutLookup optOuts;
        private final RawUidDeriver deriver;
        private final long nowMs;

        private Mapper(Snapshot snapshot, OptOutLookup optOuts, RawUidDeriver deriver, long nowMs) {
            this.snapshot = snapshot;
            this.salts = snapshot.salts();
            this.optOuts = optOuts;
            this.deriver = deriver;
            this.nowMs = nowMs;
        }

        /**
         * Maps one input value of the given kind.
         *
         * @param value        the input as sent (null or invalid → {@link IdentityMapping#INVALID_IDENTIFIER})
         * @param withPrevious also derive the previous raw UID and the refresh time (v3)
         */
        public IdentityMapping map(DiiKind kind, String value, boolean withPrevious) {
            return map(kind, value, withPrevious, HashScratch.current());
        }

        /** The same with the calling thread's {@link HashScratch} (fetch it once per batch). */
        public IdentityMapping map(DiiKind kind, String value, boolean withPrevious, HashScratch scratch) {
            UserIdentity identity = DiiParser.parse(kind, value);
            if (identity == null) return IdentityMapping.INVALID_IDENTIFIER;
            byte[] flh = snapshot.firstLevelHasher().firstLevelHash(identity.identityHash(), scratch);
            if (TokenService.isOptedOut(snapshot, optOuts, flh)) return IdentityMapping.OPTED_OUT;
            return derive(flh, identity.type(), BucketIndex.of(flh, salts.size()), withPrevious, scratch);
        }

        /**
         * Maps inputs {@code 0 .. count-1} into {@code out[0 .. count)}, each exactly as {@link #map} would. The work
         * goes in blocks of {@value #BLOCK}: the first-level hashes and opt-out checks of a block, then its salt
         * buckets read one after the other ({@link SaltTable#touch}), then its raw UIDs. With a production table of
         * 1,048,576 buckets nearly every bucket is a cache (and TLB) miss; read back to back, the misses of a block
         * overlap instead of stalling each derivation in turn.
         *
         * @param inputs the identity of each input, or null for an invalid one
         */
        public void mapAll(Inputs inputs, int count, boolean withPrevious, HashScratch scratch, IdentityMapping[] out) {
            byte[][] flh = new byte[BLOCK][];
            IdentityType[] types = new IdentityType[BLOCK];
            int[] index = new int[BLOCK];
            int touched = 0;
            for (int base = 0; base < count; base += BLOCK) {
                int n = Math.min(BLOCK, count - base);
                for (int j = 0; j < n; j++) {
                    index[j] = -1;
                    byte[] f;
                    IdentityType type;
                    int at = inputs.canonicalHashAt(base + j);
                    if (at >= 0) {
                        f = snapshot.firstLevelHasher().firstLevelHashOfText(inputs.text(), at, scratch);
                        type = inputs.hashType();
                    } else {
                        UserIdentity identity = inputs.identity(base + j);
                        if (identity == null) {
                            out[base + j] = IdentityMapping.INVALID_IDENTIFIER;
                            continue;
                        }
                        f = snapshot.firstLevelHasher().firstLevelHash(identity.identityHash(), scratch);
                        type = identity.type();
                    }
                    if (TokenService.isOptedOut(snapshot, optOuts, f)) {
                        out[base + j] = IdentityMapping.OPTED_OUT;
                        continue;
                    }
                    flh[j] = f;
                    types[j] = type;
                    index[j] = BucketIndex.of(f, salts.size());
                }
                for (int j = 0; j < n; j++) if (index[j] >= 0) touched += salts.touch(index[j]);
                for (int j = 0; j < n; j++) {
                    if (index[j] >= 0) out[base + j] = derive(flh[j], types[j], index[j], withPrevious, scratch);
                }
            }
            sink = touched;
        }

        private IdentityMapping derive(byte[] flh, IdentityType type, int index, boolean withPrevious, HashScratch scratch) {
            byte[] current = deriver.current(flh, type, salts, index, scratch);
            if (!withPrevious) return new IdentityMapping.Mapped(index, current, null, 0);
            byte[] previous = deriver.previous(flh, type, salts, index, nowMs, scratch);
            return new IdentityMapping.Mapped(index, current, previous,
                    RawUidDeriver.refreshFrom(salts, index, nowMs));
        }

        /** The encoder of public bucket ids of this mapper's snapshot. */
        public BucketIdEncoder bucketIds() {
            return snapshot.bucketIds();
        }

        /** The integer id of a mapped identity's salt bucket. */
        public int bucketNumber(IdentityMapping.Mapped mapped) {
            return salts.bucketId(mapped.bucketIndex());
        }

        /** The public {@code bucket_id} of a mapped identity's bucket: Hashids of its integer id (keys-and-data.md §6.3). */
        public String bucketId(IdentityMapping.Mapped mapped) {
            return snapshot.bucketIds().encode(bucketNumber(mapped));
        }
    }
}

package org.openuid.store.bootstrap;

import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.Role;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.model.Site;
import org.openuid.store.ApiKeys;
import org.openuid.store.CstgKeypairs;
import org.openuid.store.NewClientKey;
import org.openuid.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

/**
 * First-start initialisation of an empty store: a fresh deployment with its own secrets and a demo publisher.
 *
 * <p>Creates a random first-level salt, bucket-id prefix and secret; {@code N} salt buckets (ids 0..N-1 with
 * random salts); the runtime config; the master (-1), refresh (-2) and fallback publisher (2) keysets with one
 * key each (active from one hour ago, valid for {@link BootstrapOptions#keyLifetime()}, so the rotation job
 * replaces them on its usual schedule); and the demo site {@value #DEMO_SITE_ID} with its
 * default keyset and key, one client key per role plus one with all roles, and a client-side (CSTG) keypair.
 * The salt metadata is written last, so a store whose bootstrap was interrupted still counts as empty.
 */
public final class Bootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    public static final int DEMO_SITE_ID = 100;
    public static final String DEMO_SITE_NAME = "Demo publisher";

    private static final int SECRET_BYTES = 32;
    private static final long KEY_ACTIVATION_LEAD_SECONDS = 3600;

    private Bootstrap() {}

    /** Bootstraps {@code store} if {@link Store#isEmpty()}; otherwise changes nothing. */
    public static BootstrapResult bootstrapIfEmpty(Store store, BootstrapOptions opts, long nowMs) {
        if (!store.isEmpty()) return BootstrapResult.notCreated();
        SecureRandom random = new SecureRandom();
        long nowSec = Math.floorDiv(nowMs, 1000L);
        long expires = nowSec - KEY_ACTIVATION_LEAD_SECONDS + opts.keyLifetime().toSeconds();

        RuntimeConfig config = opts.effectiveRuntimeConfig();
        store.setRuntimeConfig(config);

        createKeyset(store, random, new Keyset(Keyset.MASTER_KEYSET_ID, -1, "Master keyset", null, nowSec, true, true),
                nowSec, expires);
        createKeyset(store, random, new Keyset(Keyset.REFRESH_KEYSET_ID, -2, "Refresh keyset", List.of(), nowSec, true, true),
                nowSec, expires);
        createKeyset(store, random, new Keyset(Keyset.FALLBACK_PUBLISHER_KEYSET_ID, Keyset.FALLBACK_PUBLISHER_SITE_ID,
                "Fallback publisher keyset", null, nowSec, true, true), nowSec, expires);

        store.upsertSite(new Site(DEMO_SITE_ID, DEMO_SITE_NAME, true, List.of("localhost", "example.com"),
                List.of("com.example.demo"), nowSec));
        createKeyset(store, random, new Keyset(store.nextKeysetId(), DEMO_SITE_ID, "Demo publisher keyset", null, nowSec,
                true, true), nowSec, expires);

        List<BootstrapResult.DemoClient> clients = new ArrayList<>();
        Set<String> keyIds = new HashSet<>();
        clients.add(createClient(store, random, keyIds, "Demo generator", EnumSet.of(Role.GENERATOR), nowSec));
        clients.add(createClient(store, random, keyIds, "Demo mapper", EnumSet.of(Role.MAPPER), nowSec));
        clients.add(createClient(store, random, keyIds, "Demo ID reader", EnumSet.of(Role.ID_READER), nowSec));
        clients.add(createClient(store, random, keyIds, "Demo sharer", EnumSet.of(Role.SHARER), nowSec));
        clients.add(createClient(store, random, keyIds, "Demo opt-out", EnumSet.of(Role.OPTOUT), nowSec));
        clients.add(createClient(store, random, keyIds, "Demo all roles",
                EnumSet.of(Role.GENERATOR, Role.MAPPER, Role.ID_READER, Role.SHARER, Role.OPTOUT), nowSec));

        ClientSideKeypair keypair = CstgKeypairs.create(CstgKeypairs.randomSubscriptionId(random), DEMO_SITE_ID,
                DEMO_SITE_NAME, "Demo CSTG keypair", nowSec, random);
        store.upsertKeypair(keypair);

        long refreshFrom = nowMs + opts.saltRefreshDelay().toMillis();
        store.replaceSaltBuckets(randomBuckets(opts.saltBucketCount(), nowMs, refreshFrom, random));
        store.setSaltMetadata(new SaltMetadata(randomBase64(random), String.valueOf((char) ('a' + random.nextInt(26))),
                randomBase64(random)));

        LOG.info("bootstrapped an empty store: {} salt buckets, demo site {}", opts.saltBucketCount(), DEMO_SITE_ID);
        return new BootstrapResult(true, DEMO_SITE_ID, clients, keypair.subscriptionId(), keypair.publicKey());
    }

    private static void createKeyset(Store store, SecureRandom random, Keyset keyset, long nowSec, long expires) {
        store.upsertKeyset(keyset);
        store.insertKey(new KeysetKey(store.nextKeyId(), keyset.keysetId(), nowSec, nowSec - KEY_ACTIVATION_LEAD_SECONDS,
                expires, ApiKeys.randomBytes(random, SECRET_BYTES)));
    }

    private static BootstrapResult.DemoClient createClient(Store store, SecureRandom random, Set<String> keyIds,
                                                           String name, Set<Role> roles, long nowSec) {
        NewClientKey key;
        do {
            key = ApiKeys.create(DEMO_SITE_ID, name, roles, nowSec, random);
        } while (!keyIds.add(key.client().keyId()));
        store.upsertClient(key.client());
        return new BootstrapResult.DemoClient(name, roles, key.apiKey(), key.secretBase64());
    }

    private static String randomBase64(SecureRandom random) {
        return Base64.getEncoder().encodeToString(ApiKeys.randomBytes(random, SECRET_BYTES));
    }

    /** Buckets 0..n-1 with random current salts, materialised one at a time from one array of random bytes. */
    private static List<SaltBucket> randomBuckets(int n, long nowMs, long refreshFromMs, SecureRandom random) {
        byte[] salts = ApiKeys.randomBytes(random, n * SECRET_BYTES);
        return new RandomBucketList(n, nowMs, refreshFromMs, salts);
    }

    private static final class RandomBucketList extends AbstractList<SaltBucket> implements RandomAccess {
        private final int size;
        private final long lastUpdated;
        private final long refreshFrom;
        private final byte[] salts;

        RandomBucketList(int size, long lastUpdated, long refreshFrom, byte[] salts) {
            this.size = size;
            this.lastUpdated = lastUpdated;
            this.refreshFrom = refreshFrom;
            this.salts = salts;
        }

        @Override
        public SaltBucket get(int index) {
            java.util.Objects.checkIndex(index, size);
            byte[] salt = new byte[SECRET_BYTES];
            System.arraycopy(salts, index * SECRET_BYTES, salt, 0, SECRET_BYTES);
            return new SaltBucket(index, lastUpdated, Base64.getEncoder().encodeToString(salt), refreshFrom, "", null, null);
        }

        @Override
        public int size() {
            return size;
        }
    }
}

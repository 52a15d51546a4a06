package org.openuid.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.model.Role;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.model.Site;
import org.openuid.core.uid.SaltTable;
import org.openuid.store.bootstrap.Bootstrap;
import org.openuid.store.bootstrap.BootstrapOptions;
import org.openuid.store.bootstrap.BootstrapResult;
import org.openuid.store.importing.CoreDataImporter;
import org.openuid.store.importing.ImportResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour every {@link Store} backend must show; subclasses provide a fresh, reopenable database per test. */
abstract class StoreContractTest {

    static final Path TEST_DATA = Path.of("../testdata/uid2-core-test");
    /** 2026-01-01T00:00:00Z: the second test salt snapshot is in force. */
    static final long NOW_MS = 1767225600000L;

    protected Store store;

    /** Prepares an empty database for one test. */
    protected abstract void createDatabase() throws Exception;

    /** Opens (again) the database prepared for this test. */
    protected abstract Store openStore();

    /** Removes the test's database. */
    protected abstract void dropDatabase() throws Exception;

    protected abstract String backendName();

    @BeforeEach
    void openFreshStore() throws Exception {
        createDatabase();
        store = openStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store != null) store.close();
        dropDatabase();
    }

    protected void reopen() {
        store.close();
        store = openStore();
    }

    // ------------------------------------------------------------------ basics

    @Test
    void newStoreIsEmpty() {
        assertThat(store.isEmpty()).isTrue();
        assertThat(store.changeVersion()).isZero();
        StoreData data = store.loadAll();
        assertThat(data.changeVersion()).isZero();
        assertThat(data.sites()).isEmpty();
        assertThat(data.clients()).isEmpty();
        assertThat(data.keysets()).isEmpty();
        assertThat(data.keys()).isEmpty();
        assertThat(data.keypairs()).isEmpty();
        assertThat(data.runtimeConfig()).isNull();
        assertThat(data.saltMetadata()).isNull();
        assertThat(data.salts().size()).isZero();
        assertThat(store.optOutsAfter(0, 10)).isEmpty();
        assertThat(store.nextSiteId()).isEqualTo(100);
        assertThat(store.nextKeysetId()).isEqualTo(100);
        assertThat(store.nextKeyId()).isEqualTo(1);
    }

    @Test
    void sites() {
        Site site = new Site(123, "MegaTest Site", true, List.of("localhost", "uidapi.com"), List.of("com.app"), 1700000000L);
        long v = store.changeVersion();
        store.upsertSite(site);
        assertThat(store.changeVersion()).isEqualTo(v + 1);
        assertThat(store.site(123)).contains(site);
        assertThat(store.site(124)).isEmpty();

        Site changed = new Site(123, "Renamed", false, List.of(), List.of("a", "b"), 1700000001L);
        store.upsertSite(changed);
        assertThat(store.changeVersion()).isEqualTo(v + 2);
        assertThat(store.site(123)).contains(changed);
        assertThat(store.nextSiteId()).isEqualTo(124);

        reopen();
        assertThat(store.site(123)).contains(changed);
        assertThat(store.loadAll().sites()).containsExactly(changed);
    }

    @Test
    void nextSiteIdIsAboveEverySiteIdInUse() {
        store.upsertSite(new Site(5, "small", true, null, null, 0));
        assertThat(store.nextSiteId()).isEqualTo(100);
        store.upsertClient(client("UID2-C-L-999-abcde", 999, EnumSet.of(Role.MAPPER)));
        assertThat(store.nextSiteId()).isEqualTo(1000);
        store.upsertKeyset(new Keyset(700, 1500, "k", null, 0, true, true));
        assertThat(store.nextSiteId()).isEqualTo(1501);
    }

    @Test
    void clients() {
        ClientKey c = client("UID2-C-L-999-fCXrM", 999, EnumSet.of(Role.MAPPER, Role.GENERATOR, Role.OPTOUT));
        long v = store.changeVersion();
        store.upsertClient(c);
        assertThat(store.changeVersion()).isEqualTo(v + 1);
        ClientKey read = store.clientByKeyId("UID2-C-L-999-fCXrM").orElseThrow();
        assertSameClient(read, c);
        assertThat(store.clientByKeyId("nope")).isEmpty();

        ClientKey disabled = new ClientKey(c.keyId(), c.keyHash(), c.keySalt(), c.secret(), "new name", "contact@x",
                c.created(), Set.of(Role.SHARER), 998, true, 2);
        store.upsertClient(disabled);
        assertThat(store.changeVersion()).isEqualTo(v + 2);
        reopen();
        assertSameClient(store.clientByKeyId(c.keyId()).orElseThrow(), disabled);
        assertThat(store.loadAll().clients()).hasSize(1);
    }

    @Test
    void keysetsAndKeys() {
        Keyset master = new Keyset(-1, -1, "Master", null, 1, true, true);
        Keyset refresh = new Keyset(-2, -2, "Refresh", List.of(), 2, true, true);
        Keyset site = new Keyset(501, 123, "Site", List.of(2, 3, 4), 3, false, false);
        long v = store.changeVersion();
        store.upsertKeyset(master);
        store.upsertKeyset(refresh);
        store.upsertKeyset(site);
        assertThat(store.changeVersion()).isEqualTo(v + 3);
        assertThat(store.nextKeysetId()).isEqualTo(502);

        KeysetKey k1 = new KeysetKey(101, -1, 10, 20, 30, bytes(32, 1));
        KeysetKey k2 = new KeysetKey(5, 501, 11, 21, 31, bytes(32, 2));
        store.insertKey(k1);
        store.insertKey(k2);
        assertThat(store.changeVersion()).isEqualTo(v + 5);
        assertThat(store.nextKeyId()).isEqualTo(102);

        assertThatThrownBy(() -> store.insertKey(new KeysetKey(5, 501, 0, 0, 0, bytes(32, 3))))
                .isInstanceOf(StoreException.class);
        assertThat(store.changeVersion()).as("failed write rolls back the version").isEqualTo(v + 5);

        Keyset siteEnabled = new Keyset(501, 123, "Site!", null, 3, true, true);
        store.upsertKeyset(siteEnabled);
        reopen();
        StoreData data = store.loadAll();
        assertThat(data.keysets()).containsExactly(refresh, master, siteEnabled);
        assertThat(data.keysets().get(0).allowedSites()).isEmpty();
        assertThat(data.keysets().get(1).allowedSites()).isNull();
        assertThat(data.keys()).hasSize(2);
        assertSameKey(data.keys().get(0), k2);
        assertSameKey(data.keys().get(1), k1);
    }

    @Test
    void keypairs() {
        ClientSideKeypair kp = new ClientSideKeypair("4WvryDGbR5", "UID2-X-L-pub", "UID2-Y-L-priv", 123, "c@x", "n",
                1692034991L, false);
        long v = store.changeVersion();
        store.upsertKeypair(kp);
        ClientSideKeypair disabled = new ClientSideKeypair("4WvryDGbR5", "UID2-X-L-pub2", "UID2-Y-L-priv2", 124, "c",
                "n2", 1L, true);
        store.upsertKeypair(disabled);
        store.upsertKeypair(new ClientSideKeypair("other", "p", "q", 1, "", "", 0, false));
        assertThat(store.changeVersion()).isEqualTo(v + 3);
        reopen();
        assertThat(store.loadAll().keypairs()).containsExactly(disabled,
                new ClientSideKeypair("other", "p", "q", 1, "", "", 0, false));
    }

    @Test
    void runtimeConfig() {
        long v = store.changeVersion();
        store.setRuntimeConfig(RuntimeConfig.testDefaults());
        assertThat(store.loadAll().runtimeConfig()).isEqualTo(RuntimeConfig.testDefaults());
        RuntimeConfig custom = new RuntimeConfig(100, 200, 50, 300, 150L, 400L, IdentityEnvironment.INTEG);
        store.setRuntimeConfig(custom);
        assertThat(store.changeVersion()).isEqualTo(v + 2);

        RuntimeConfig invalid = new RuntimeConfig(100, 50, 10, 300, null, null, IdentityEnvironment.PROD);
        assertThatThrownBy(() -> store.setRuntimeConfig(invalid)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.changeVersion()).isEqualTo(v + 2);
        reopen();
        assertThat(store.loadAll().runtimeConfig()).isEqualTo(custom);
    }

    @Test
    void saltMetadataMakesTheStoreNonEmpty() {
        SaltMetadata m = new SaltMetadata("fOGY/aRE44peL23i+cE9MkJrzmEeNZZziNZBfq7qqk8=", "b", "secret");
        long v = store.changeVersion();
        store.setSaltMetadata(m);
        assertThat(store.isEmpty()).isFalse();
        assertThat(store.changeVersion()).isEqualTo(v + 1);
        SaltMetadata m2 = new SaltMetadata(m.firstLevelSalt(), "c", "other");
        store.setSaltMetadata(m2);
        reopen();
        assertThat(store.isEmpty()).isFalse();
        assertThat(store.loadAll().saltMetadata()).isEqualTo(m2);
    }

    @Test
    void saltBucketsKeepOrderAndContent() {
        List<SaltBucket> buckets = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int id = 1_000_000 + (i * 7919) % 10_000;
            buckets.add(sampleBucket(id, i));
        }
        long v = store.changeVersion();
        store.replaceSaltBuckets(buckets);
        assertThat(store.changeVersion()).isEqualTo(v + 1);
        assertSalts(store.loadAll().salts(), buckets);

        List<SaltBucket> updates = List.of(
                new SaltBucket(buckets.get(3).id(), 42, "new salt", 43, buckets.get(3).currentSalt(), null, null),
                new SaltBucket(buckets.get(9_999).id(), 44, "", 45, "",
                        new KeyMaterial(7, "key12345key12345key12345key12345", "s"), null));
        store.updateSaltBuckets(updates);
        assertThat(store.changeVersion()).isEqualTo(v + 2);
        buckets.set(3, updates.get(0));
        buckets.set(9_999, updates.get(1));
        assertSalts(store.loadAll().salts(), buckets);

        assertThatThrownBy(() -> store.updateSaltBuckets(List.of(sampleBucket(5, 5)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.updateSaltBuckets(List.of(updates.get(0), updates.get(0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.replaceSaltBuckets(List.of(sampleBucket(1, 1), sampleBucket(1, 2))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.changeVersion()).isEqualTo(v + 2);

        reopen();
        assertSalts(store.loadAll().salts(), buckets);

        List<SaltBucket> fewer = List.of(sampleBucket(2, 2), sampleBucket(1, 1));
        store.replaceSaltBuckets(fewer);
        assertSalts(store.loadAll().salts(), fewer);
        store.replaceSaltBuckets(List.of());
        assertThat(store.loadAll().salts().size()).isZero();
    }

    @Test
    void loadAllSeesSaltChangesMadeByAnotherStoreInstance() {
        store.replaceSaltBuckets(List.of(sampleBucket(1, 1)));
        assertThat(store.loadAll().salts().size()).isEqualTo(1);
        try (Store other = openStore()) {
            other.updateSaltBuckets(List.of(sampleBucket(1, 99)));
        }
        assertSalts(store.loadAll().salts(), List.of(sampleBucket(1, 99)));
    }

    @Test
    void optOutsAreAppendOnlyAndDoNotChangeTheVersion() {
        long v = store.changeVersion();
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 5; i++) seqs.add(store.addOptOut(new OptOutRecord(bytes(32, i), bytes(33, 100 + i), 1700000000L + i)));
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(store.changeVersion()).isEqualTo(v);

        List<OptOutEntry> all = store.optOutsAfter(0, 100);
        assertThat(all).extracting(OptOutEntry::sequence).containsExactlyElementsOf(seqs);
        assertThat(all.get(2).record().firstLevelHash()).isEqualTo(bytes(32, 2));
        assertThat(all.get(2).record().rawUid()).isEqualTo(bytes(33, 102));
        assertThat(all.get(2).record().timestampSeconds()).isEqualTo(1700000002L);

        assertThat(store.optOutsAfter(seqs.get(1), 2)).extracting(OptOutEntry::sequence).containsExactly(seqs.get(2), seqs.get(3));
        assertThat(store.optOutsAfter(seqs.get(4), 10)).isEmpty();
        assertThat(store.optOutsAfter(0, 0)).isEmpty();

        reopen();
        assertThat(store.optOutsAfter(0, 100)).extracting(OptOutEntry::sequence).containsExactlyElementsOf(seqs);
        long next = store.addOptOut(new OptOutRecord(bytes(32, 9), bytes(32, 9), 1L));
        assertThat(next).isGreaterThan(seqs.get(4));
    }

    @Test
    void everythingSurvivesReopen() {
        Bootstrap.bootstrapIfEmpty(store, BootstrapOptions.defaults().withSaltBucketCount(5000), NOW_MS);
        store.addOptOut(new OptOutRecord(bytes(32, 1), bytes(32, 2), 3));
        StoreData before = store.loadAll();
        reopen();
        StoreData after = store.loadAll();
        assertThat(after.changeVersion()).isEqualTo(before.changeVersion());
        assertThat(after.sites()).isEqualTo(before.sites());
        assertThat(after.keysets()).isEqualTo(before.keysets());
        assertThat(after.keypairs()).isEqualTo(before.keypairs());
        assertThat(after.runtimeConfig()).isEqualTo(before.runtimeConfig());
        assertThat(after.saltMetadata()).isEqualTo(before.saltMetadata());
        assertThat(after.clients()).hasSameSizeAs(before.clients());
        for (int i = 0; i < after.clients().size(); i++) assertSameClient(after.clients().get(i), before.clients().get(i));
        for (int i = 0; i < after.keys().size(); i++) assertSameKey(after.keys().get(i), before.keys().get(i));
        assertThat(CoreDataImporter.sameSalts(after.salts(), before.salts())).isTrue();
        assertThat(store.optOutsAfter(0, 10)).hasSize(1);
    }

    @Test
    void concurrentWritersAndReaders() throws Exception {
        int threads = 4;
        int perThread = 25;
        long v = store.changeVersion();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> seqs = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        int id = 1000 + thread * perThread + i;
                        store.upsertSite(new Site(id, "site " + id, true, List.of(), List.of(), 0));
                        store.upsertKeyset(new Keyset(id, id, "ks", null, 0, true, true));
                        seqs.add(store.addOptOut(new OptOutRecord(bytes(32, id), bytes(32, id), id)));
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                start.await();
                int loads = 0;
                while (writing.get()) {
                    StoreData d = store.loadAll();
                    assertThat(d.changeVersion()).as("each load is one snapshot")
                            .isEqualTo(v + d.sites().size() + d.keysets().size());
                    assertThat(d.keysets().size()).isBetween(d.sites().size() - threads, d.sites().size());
                    loads++;
                }
                return loads;
            });
            start.countDown();
            for (Future<?> f : writers) f.get(2, TimeUnit.MINUTES);
            writing.set(false);
            assertThat(reader.get(1, TimeUnit.MINUTES)).isPositive();
        } finally {
            pool.shutdownNow();
        }
        int writes = threads * perThread;
        assertThat(store.changeVersion()).isEqualTo(v + 2L * writes);
        assertThat(store.loadAll().sites()).hasSize(writes);
        List<Long> sorted = new ArrayList<>(seqs);
        Collections.sort(sorted);
        assertThat(sorted).doesNotHaveDuplicates().hasSize(writes);
        assertThat(store.optOutsAfter(0, 1000)).extracting(OptOutEntry::sequence).containsExactlyElementsOf(sorted);
    }

    // ------------------------------------------------------------------ import

    @Test
    void importsTheCoreTestDataSet() {
        ImportResult result = CoreDataImporter.importDirectory(TEST_DATA, store, NOW_MS);
        assertThat(result.changed()).isTrue();
        assertThat(result.saltFile()).isEqualTo(Path.of("salts", "salts.txt.1745907348982").toString());
        reopen();
        CoreTestDataAssertions.assertImported(store.loadAll());
        assertThat(store.isEmpty()).isFalse();
    }

    @Test
    void reimportChangesNothing() {
        CoreDataImporter.importDirectory(TEST_DATA, store, NOW_MS);
        long v = store.changeVersion();
        StoreData before = store.loadAll();
        ImportResult again = CoreDataImporter.importDirectory(TEST_DATA, store, NOW_MS);
        assertThat(again.writes()).isZero();
        assertThat(again.sites()).isEqualTo(5);
        assertThat(store.changeVersion()).isEqualTo(v);
        StoreData after = store.loadAll();
        assertThat(after.sites()).isEqualTo(before.sites());
        CoreTestDataAssertions.assertImported(after);
    }

    // ------------------------------------------------------------------ bootstrap

    @Test
    void bootstrapsAnEmptyStoreOnce() {
        BootstrapResult result = Bootstrap.bootstrapIfEmpty(store, BootstrapOptions.defaults().withSaltBucketCount(4096), NOW_MS);
        BootstrapAssertions.assertBootstrapped(store.loadAll(), result, 4096, NOW_MS);
        long v = store.changeVersion();

        BootstrapResult again = Bootstrap.bootstrapIfEmpty(store, BootstrapOptions.defaults().withSaltBucketCount(4096), NOW_MS);
        assertThat(again.created()).isFalse();
        assertThat(again.toJson()).isEqualTo("{}");
        assertThat(store.changeVersion()).isEqualTo(v);

        for (BootstrapResult.DemoClient demo : result.clients()) {
            String keyId = demo.key().substring(0, demo.key().indexOf('.') - 1);
            ClientKey stored = store.clientByKeyId(keyId).orElseThrow();
            assertThat(ApiKeys.matches(stored, demo.key())).isTrue();
            assertThat(ApiKeys.matches(stored, demo.key() + "x")).isFalse();
        }
    }

    @Test
    void doesNotBootstrapAStoreWithData() {
        CoreDataImporter.importDirectory(TEST_DATA, store, NOW_MS);
        long v = store.changeVersion();
        assertThat(Bootstrap.bootstrapIfEmpty(store, BootstrapOptions.defaults(), NOW_MS).created()).isFalse();
        assertThat(store.changeVersion()).isEqualTo(v);
    }

    @Test
    void fullSizeBootstrapAndLoadTimes() {
        int n = BootstrapOptions.MAX_SALT_BUCKETS;
        long t0 = System.nanoTime();
        BootstrapResult result = Bootstrap.bootstrapIfEmpty(store, BootstrapOptions.defaults(), NOW_MS);
        long bootstrapMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(result.created()).isTrue();

        long write2Ms = timeMs(() -> store.replaceSaltBuckets(CoreDataImporter.asList(store.loadAll().salts())));
        reopen();
        long[] load = new long[3];
        StoreData data = null;
        for (int i = 0; i < load.length; i++) {
            reopen();
            long t = System.nanoTime();
            data = store.loadAll();
            load[i] = (System.nanoTime() - t) / 1_000_000;
        }
        long cachedMs = timeMs(store::loadAll);
        long updateMs = timeMs(() -> {
            List<SaltBucket> rotated = new ArrayList<>();
            for (int i = 0; i < n; i += 365) rotated.add(new SaltBucket(i, NOW_MS + 1, "rotated", NOW_MS + 2, "x", null, null));
            store.updateSaltBuckets(rotated);
        });
        System.out.printf("[%s] 1,048,576 salt buckets: bootstrap %d ms (incl. key generation), rewrite all buckets %d ms,"
                        + " loadAll on a fresh store %s ms, loadAll with cached salts %d ms, rotate 1/365 of buckets %d ms%n",
                backendName(), bootstrapMs, write2Ms, java.util.Arrays.toString(load), cachedMs, updateMs);

        assertThat(data.salts().size()).isEqualTo(n);
        assertThat(data.salts().bucketId(0)).isZero();
        assertThat(data.salts().bucketId(n - 1)).isEqualTo(n - 1);
        BootstrapAssertions.assertBootstrapped(data, result, n, NOW_MS);
        SaltTable after = store.loadAll().salts();
        assertThat(after.bucket(365).currentSalt()).isEqualTo("rotated");
        assertThat(after.bucket(366).currentSalt()).isEqualTo(data.salts().bucket(366).currentSalt());
    }

    // ------------------------------------------------------------------ helpers

    static long timeMs(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1_000_000;
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (seed * 31 + i);
        return b;
    }

    static ClientKey client(String keyId, int siteId, Set<Role> roles) {
        return new ClientKey(keyId, bytes(64, 1), bytes(32, 2), bytes(32, 3), "name", "contact", 1609459200L, roles,
                siteId, false, 0);
    }

    static SaltBucket sampleBucket(int id, int i) {
        switch (i % 4) {
            case 0:
                return new SaltBucket(id, 1_700_000_000_000L + i, java.util.Base64.getEncoder().encodeToString(bytes(32, i)),
                        1_800_000_000_000L + i, "", null, null);
            case 1:
                return new SaltBucket(id, i, "not base64 ünïcødé " + i, i + 1L,
                        java.util.Base64.getEncoder().encodeToString(bytes(32, -i)), null, null);
            case 2:
                return new SaltBucket(id, i, "", i, "", new KeyMaterial(2_000_000 + i, "key12345key12345key12345key1234" + (i % 10),
                        "salt1234salt1234salt1234salt1234"), new KeyMaterial(i, "k", ""));
            default:
                return new SaltBucket(id, -i, "", Long.MAX_VALUE, "prev=", null,
                        new KeyMaterial(-5, "key12345key12345key12345key12345", "x"));
        }
    }

    static void assertSalts(SaltTable table, List<SaltBucket> expected) {
        assertThat(table.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) assertThat(table.bucket(i)).as("bucket %d", i).isEqualTo(expected.get(i));
    }

    static void assertSameClient(ClientKey actual, ClientKey expected) {
        assertThat(CoreDataImporter.sameClient(actual, expected)).as("client %s", expected.keyId()).isTrue();
    }

    static void assertSameKey(KeysetKey actual, KeysetKey expected) {
        assertThat(CoreDataImporter.sameKey(actual, expected)).as("key %d", expected.id()).isTrue();
    }
}

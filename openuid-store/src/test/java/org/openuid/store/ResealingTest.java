package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.Role;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.SaltMetadata;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store that holds client secrets, key secrets and CSTG private keys in clear (a PostgreSQL deployment started
 * without a secrets key, or a write by a process without one) has them sealed when it is next opened with a key,
 * and reads the same values afterwards; a store opened with a new key and its old one as another key has everything,
 * salts included, sealed again under the new key.
 */
class ResealingTest {
    @TempDir
    Path dir;

    @Test
    void embeddedStore() throws Exception {
        StoreChecks.embedded(dir, this::check);
    }

    @Test
    void embeddedStoreKeyRotation() throws Exception {
        StoreChecks.embedded(dir, this::rotate);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "OPENUID_TEST_POSTGRES", matches = "1")
    void postgresStore() throws Exception {
        StoreChecks.postgres(this::check);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "OPENUID_TEST_POSTGRES", matches = "1")
    void postgresStoreKeyRotation() throws Exception {
        StoreChecks.postgres(this::rotate);
    }

    /** Old key A, new key B: A with B as another key changes nothing; B with A reseals everything; then B alone. */
    private void rotate(String location, String url, Properties props) throws Exception {
        String a = Base64.getEncoder().encodeToString(IvSource.secure().next(32));
        String b = Base64.getEncoder().encodeToString(IvSource.secure().next(32));
        byte[] clientSecret = IvSource.secure().next(32);
        byte[] keySecret = IvSource.secure().next(32);
        SaltMetadata metadata = new SaltMetadata("first-level-salt", "UID2-B", "bucket-id-secret");
        List<SaltBucket> buckets = TestSalts.buckets(SaltChunkCodec.BUCKETS_PER_CHUNK + 10);
        try (JdbcStore store = Stores.open(location, SecretSealer.fromBase64(a))) {
            store.upsertClient(new ClientKey("r1", new byte[64], new byte[32], clientSecret, "n", "c", 0, Set.of(Role.GENERATOR), 100, false, 0));
            store.upsertKeyset(new Keyset(8, 100, "k", null, 0, true, true));
            store.insertKey(new KeysetKey(80, 8, 0, 0, Long.MAX_VALUE, keySecret));
            store.upsertKeypair(new ClientSideKeypair("rsub", "UID2-X-L-pub", "UID2-Y-L-rotated", 100, "c", "n", 0, false));
            store.setSaltMetadata(metadata);
            store.replaceSaltBuckets(buckets);
        }
        assertThat(openWith(a, url, props)).as("sealed under the old key").containsOnly(true);

        long version;
        try (JdbcStore store = Stores.open(location, SecretSealer.fromBase64(a).withOtherKeys(List.of(b)))) {
            version = store.loadAll().changeVersion();
        }
        assertThat(openWith(a, url, props)).as("step 1: the new key only opens").containsOnly(true);

        try (JdbcStore store = Stores.open(location, SecretSealer.fromBase64(b).withOtherKeys(List.of(a)))) {
            assertThat(openWith(b, url, props)).as("step 2: everything under the new key").containsOnly(true);
            assertThat(store.loadAll().changeVersion()).isGreaterThan(version);
        }

        // a chunk written meanwhile by a node still on step 1 (the old key seals), the metadata already under the new
        // key: the next start on step 2 finds it among the chunks
        try (Connection c = DriverManager.getConnection(url, props);
             PreparedStatement update = c.prepareStatement("UPDATE salt_bucket_chunks SET data = ? WHERE chunk_no = ?")) {
            byte[] chunk;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT data FROM salt_bucket_chunks WHERE chunk_no = 0")) {
                assertThat(rs.next()).isTrue();
                chunk = rs.getBytes(1);
            }
            update.setBytes(1, SecretSealer.fromBase64(a).sealBytes(SecretSealer.fromBase64(b).openBytes(chunk)));
            update.setInt(2, 0);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThat(openWith(b, url, props)).as("one chunk under the old key").contains(false);
        try (JdbcStore store = Stores.open(location, SecretSealer.fromBase64(b).withOtherKeys(List.of(a)))) {
            assertThat(openWith(b, url, props)).as("step 2 again: the chunk under the new key").containsOnly(true);
        }
        try (JdbcStore store = Stores.open(location, SecretSealer.fromBase64(b))) {
            StoreData data = store.loadAll();
            assertThat(store.clientByKeyId("r1").orElseThrow().secret()).isEqualTo(clientSecret);
            assertThat(data.keys()).filteredOn(k -> k.id() == 80).singleElement().satisfies(k -> assertThat(k.secret()).isEqualTo(keySecret));
            assertThat(data.keypairs()).filteredOn(k -> k.subscriptionId().equals("rsub")).singleElement()
                    .satisfies(k -> assertThat(k.privateKey()).isEqualTo("UID2-Y-L-rotated"));
            assertThat(data.saltMetadata()).isEqualTo(metadata);
            for (int i = 0; i < buckets.size(); i++) assertThat(data.salts().bucket(i)).isEqualTo(buckets.get(i));
        }
        try (JdbcStore old = Stores.open(location, SecretSealer.fromBase64(a))) {
            assertThatThrownBy(old::loadAll).hasMessageContaining("wrong secrets key");
        }
    }

    /** For every sealed value of the store (secrets, salt metadata, salt chunks): whether {@code key} alone opens it. */
    private static List<Boolean> openWith(String key, String url, Properties props) throws Exception {
        SecretSealer only = SecretSealer.fromBase64(key);
        List<Boolean> opens = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            for (String sql : new String[] {"SELECT secret FROM client_keys", "SELECT secret FROM keyset_keys",
                    "SELECT data FROM salt_bucket_chunks"}) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        byte[] v = rs.getBytes(1);
                        opens.add(opens(() -> only.openBytes(v), SecretSealer.isSealed(v)));
                    }
                }
            }
            for (String sql : new String[] {"SELECT private_key FROM client_side_keypairs",
                    "SELECT first_level_salt FROM salt_metadata", "SELECT id_secret FROM salt_metadata"}) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        String v = rs.getString(1);
                        opens.add(opens(() -> only.openText(v), SecretSealer.isSealed(v)));
                    }
                }
            }
        }
        assertThat(opens).hasSizeGreaterThan(6);
        return opens;
    }

    private static boolean opens(Runnable open, boolean sealed) {
        if (!sealed) return false;
        try {
            open.run();
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    private void check(String location, String url, Properties props) throws Exception {
        byte[] clientSecret = IvSource.secure().next(32);
        byte[] keySecret = IvSource.secure().next(32);
        ClientKey client = new ClientKey("k1", new byte[64], new byte[32], clientSecret, "n", "c", 0, Set.of(Role.GENERATOR), 100, false, 0);
        ClientSideKeypair keypair = new ClientSideKeypair("sub", "UID2-X-L-pub", "UID2-Y-L-priv", 100, "c", "n", 0, false);

        try (JdbcStore store = Stores.open(location)) {
            store.upsertClient(client);
            store.upsertKeyset(new Keyset(7, 100, "k", null, 0, true, true));
            store.insertKey(new KeysetKey(70, 7, 0, 0, Long.MAX_VALUE, keySecret));
            store.upsertKeypair(keypair);
        }
        assertThat(rawSealed(url, props)).as("written without a key").containsExactly(false, false, false);

        SecretSealer sealer = SecretSealer.withKey(IvSource.secure().next(32));
        long version;
        try (JdbcStore store = Stores.open(location, sealer)) {
            assertThat(rawSealed(url, props)).as("opened with a key").containsExactly(true, true, true);
            StoreData data = store.loadAll();
            assertThat(data.clients().get(0).secret()).isEqualTo(clientSecret);
            assertThat(data.keys().get(0).secret()).isEqualTo(keySecret);
            assertThat(data.keypairs().get(0).privateKey()).isEqualTo("UID2-Y-L-priv");
            version = data.changeVersion();
        }
        try (JdbcStore store = Stores.open(location, sealer)) {
            assertThat(store.loadAll().changeVersion()).as("nothing left to seal: no write").isEqualTo(version);
        }
        try (JdbcStore unsealed = Stores.open(location)) {
            assertThatThrownBy(unsealed::loadAll).hasMessageContaining("configure the secrets key");
            unsealed.upsertClient(new ClientKey("k2", new byte[64], new byte[32], clientSecret, "n", "c", 0, Set.of(Role.GENERATOR), 100, false, 0));
        }
        assertThat(rawSealed(url, props)).as("a client written without the key").containsExactly(true, false, true, true);

        // a node given another key seals nothing (the right key could not read it afterwards) and cannot load
        try (JdbcStore wrong = Stores.open(location, SecretSealer.withKey(IvSource.secure().next(32)))) {
            assertThatThrownBy(wrong::loadAll).hasMessageContaining("wrong secrets key");
        }
        assertThat(rawSealed(url, props)).as("after a start with the wrong key").containsExactly(true, false, true, true);
        try (JdbcStore store = Stores.open(location, sealer)) {
            assertThat(rawSealed(url, props)).as("opened with the right key again").containsOnly(true);
            assertThat(store.clientByKeyId("k2").orElseThrow().secret()).isEqualTo(clientSecret);
        }
    }

    /** Whether the client secret, the key secret and the CSTG private key are stored sealed. */
    private static List<Boolean> rawSealed(String url, Properties props) throws Exception {
        List<Boolean> sealed = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT secret FROM client_keys ORDER BY key_id")) {
                while (rs.next()) sealed.add(SecretSealer.isSealed(rs.getBytes(1)));
            }
            try (ResultSet rs = s.executeQuery("SELECT secret FROM keyset_keys")) {
                while (rs.next()) sealed.add(SecretSealer.isSealed(rs.getBytes(1)));
            }
            try (ResultSet rs = s.executeQuery("SELECT private_key FROM client_side_keypairs")) {
                while (rs.next()) sealed.add(SecretSealer.isSealed(rs.getString(1)));
            }
        }
        return sealed;
    }
}

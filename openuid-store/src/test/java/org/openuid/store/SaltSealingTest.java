package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.uid.SaltTable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Salts at rest are sealed like the other secrets: the first-level salt and the bucket id secret as text, each chunk
 * of buckets as one blob; a store holding clear salts (written before sealing, or migrated without a key) has them
 * sealed by the schema migration or, later, when it is opened with a key.
 */
class SaltSealingTest {
    private static final int BUCKETS = SaltChunkCodec.BUCKETS_PER_CHUNK + 100;

    @TempDir
    Path dir;

    @Test
    void embeddedStore() throws Exception {
        StoreChecks.embedded(dir, this::check);
        String file = new String(Files.readAllBytes(dir.resolve("openuid.mv.db")), StandardCharsets.ISO_8859_1);
        assertThat(file).doesNotContain("first-level-salt-in-clear");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "OPENUID_TEST_POSTGRES", matches = "1")
    void postgresStore() throws Exception {
        StoreChecks.postgres(this::check);
    }

    private void check(String location, String url, Properties props) throws Exception {
        SecretSealer sealer = SecretSealer.withKey(IvSource.secure().next(32));
        SaltMetadata metadata = new SaltMetadata("first-level-salt-in-clear", "UID2-B", "bucket-id-secret-in-clear");
        List<SaltBucket> buckets = TestSalts.buckets(BUCKETS);

        // written before sealing: clear
        try (JdbcStore store = Stores.open(location)) {
            store.setSaltMetadata(metadata);
            store.replaceSaltBuckets(buckets);
        }
        assertThat(rawSealed(url, props)).as("written without a key").containsOnly(false);

        // an older store (schema before version 9) is sealed by the migration
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '9'");
        }
        try (JdbcStore store = Stores.open(location, sealer)) {
            assertThat(rawSealed(url, props)).as("after the migration").containsOnly(true);
            assertSame(store.loadAll(), metadata, buckets);
        }

        // written clear again by a store without a key, then opened with one: sealed at open
        try (JdbcStore store = Stores.open(location)) {
            store.replaceSaltBuckets(buckets);
        }
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE salt_metadata SET first_level_salt = 'first-level-salt-in-clear'");
        }
        try (JdbcStore store = Stores.open(location, sealer)) {
            assertThat(rawSealed(url, props)).as("after opening with the key").containsOnly(true);
            assertSame(store.loadAll(), metadata, buckets);

            // rotation rewrites chunks sealed
            SaltBucket b = buckets.get(7);
            SaltBucket rotated = new SaltBucket(b.id(), b.lastUpdated() + 1, TestSalts.salt(), b.refreshFrom(), b.currentSalt(), null, null);
            store.updateSaltBuckets(List.of(rotated));
            buckets.set(7, rotated);
            assertThat(rawSealed(url, props)).as("after a rotation").containsOnly(true);
            assertSame(store.loadAll(), metadata, buckets);
        }
        try (JdbcStore unsealed = Stores.open(location)) {
            assertThatThrownBy(unsealed::loadAll).hasMessageContaining("configure the secrets key");
        }
    }

    private static void assertSame(StoreData data, SaltMetadata metadata, List<SaltBucket> buckets) {
        assertThat(data.saltMetadata()).isEqualTo(metadata);
        SaltTable t = data.salts();
        assertThat(t.size()).isEqualTo(buckets.size());
        for (int i = 0; i < buckets.size(); i++) assertThat(t.bucket(i)).isEqualTo(buckets.get(i));
    }

    /** Per stored value (first-level salt, bucket id secret, each chunk): whether it is sealed. */
    private static List<Boolean> rawSealed(String url, Properties props) throws Exception {
        List<Boolean> sealed = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT first_level_salt, id_secret FROM salt_metadata")) {
                rs.next();
                sealed.add(SecretSealer.isSealed(rs.getString(1)));
                sealed.add(SecretSealer.isSealed(rs.getString(2)));
            }
            try (ResultSet rs = s.executeQuery("SELECT data FROM salt_bucket_chunks ORDER BY chunk_no")) {
                while (rs.next()) sealed.add(SecretSealer.isSealed(rs.getBytes(1)));
            }
        }
        assertThat(sealed).hasSize(4);
        return sealed;
    }
}

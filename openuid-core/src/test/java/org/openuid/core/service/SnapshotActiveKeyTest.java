package org.openuid.core.service;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.uid.TestSalts;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The master and refresh keys a snapshot hands out per second are those {@link Snapshot#activeKey} computes. */
class SnapshotActiveKeyTest {
    private static KeysetKey key(int id, int keysetId, long activates, long expires) {
        return new KeysetKey(id, keysetId, activates - 10, activates, expires, new byte[32]);
    }

    @Test
    void masterAndRefreshKeysFollowTheClockBothWays() {
        List<KeysetKey> keys = List.of(
                key(1, Keyset.MASTER_KEYSET_ID, 100, 200), key(2, Keyset.MASTER_KEYSET_ID, 150, 300),
                key(3, Keyset.MASTER_KEYSET_ID, 250, 260),
                key(4, Keyset.REFRESH_KEYSET_ID, 120, 180), key(5, Keyset.REFRESH_KEYSET_ID, 190, 400));
        Snapshot s = new Snapshot(1, RuntimeConfig.testDefaults(),
                new SaltMetadata(TestSalts.FIRST_LEVEL_SALT, "b", "HF6Qz42HBbVHINxhh191dB09BCuTWyBkNtrNicO4ZCw="),
                TestSalts.load(), List.of(), List.of(), List.of(), keys, List.of());
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            // runs of the same second, and jumps forward and back (a clock stepped back)
            long now = i % 7 == 0 ? 50 + random.nextInt(400) : 50 + (i / 7) % 400;
            assertThat(s.masterKey(now)).as("master at %d", now).isSameAs(s.activeKey(Keyset.MASTER_KEYSET_ID, now));
            assertThat(s.refreshKey(now)).as("refresh at %d", now).isSameAs(s.activeKey(Keyset.REFRESH_KEYSET_ID, now));
        }
        assertThat(s.masterKey(99)).isNull();
        assertThat(s.masterKey(255).id()).isEqualTo(3);
        assertThat(s.refreshKey(185)).isNull();
    }
}

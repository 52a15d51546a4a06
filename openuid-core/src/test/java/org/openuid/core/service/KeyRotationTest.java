package org.openuid.core.service;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.RuntimeConfig;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRotationTest {
    static final long DAY = 86400;
    static final long NOW = 1_800_000_000L;
    static final long LIFETIME = 30 * DAY;
    static final long LEAD = DAY;
    static final KeyRotation.Policy POLICY = new KeyRotation.Policy(LIFETIME, LEAD, 3 * DAY, 30 * DAY);

    static final Keyset MASTER = new Keyset(-1, -1, "master", null, 0, true, true);
    static final Keyset REFRESH = new Keyset(-2, -2, "refresh", List.of(), 0, true, true);
    static final Keyset FALLBACK = new Keyset(2, 2, "fallback", null, 0, true, true);
    static final Keyset SITE = new Keyset(100, 100, "site", List.of(), 0, true, true);
    static final Keyset DISABLED = new Keyset(101, 100, "old", List.of(), 0, false, false);

    static KeysetKey key(int id, int keyset, long activates, long expires) {
        return new KeysetKey(id, keyset, activates, activates, expires, new byte[32]);
    }

    @Test
    void freshKeysNeedNothing() {
        List<KeysetKey> keys = List.of(key(1, -1, NOW - 3600, NOW + LIFETIME), key(2, -2, NOW - 3600, NOW + LIFETIME),
                key(3, 2, NOW - 3600, NOW + LIFETIME), key(4, 100, NOW - 3600, NOW + LIFETIME));
        assertThat(KeyRotation.plan(List.of(MASTER, REFRESH, FALLBACK, SITE), keys, POLICY, NOW).isEmpty()).isTrue();
    }

    @Test
    void successorIsCreatedHalfWayAheadOfActivation() {
        // newest key activated 14 days ago: its successor is due in one day = exactly the lead → created now
        long activated = NOW - 14 * DAY;
        List<KeysetKey> keys = List.of(key(1, 100, activated, activated + LIFETIME));
        KeyRotation.Plan plan = KeyRotation.plan(List.of(SITE), keys, POLICY, NOW);
        assertThat(plan.create()).containsExactly(new KeyRotation.NewKey(100, activated + 15 * DAY, activated + 45 * DAY));
        assertThat(plan.create().get(0).activates()).isEqualTo(NOW + LEAD);
        // one hour earlier it was not due yet
        assertThat(KeyRotation.plan(List.of(SITE), keys, POLICY, NOW - 3600).isEmpty()).isTrue();
    }

    @Test
    void forcedRotationGivesEveryKeysetASuccessorOneLeadAheadOnce() {
        List<KeysetKey> keys = new ArrayList<>(List.of(key(1, -1, NOW - 3600, NOW + LIFETIME), key(2, -2, NOW - 3600, NOW + LIFETIME),
                key(3, 2, NOW - 3600, NOW + LIFETIME), key(4, 100, NOW - 3600, NOW + LIFETIME)));
        List<Keyset> keysets = List.of(MASTER, REFRESH, FALLBACK, SITE, DISABLED);
        assertThat(KeyRotation.plan(keysets, keys, POLICY, NOW).isEmpty()).as("nothing due").isTrue();
        KeyRotation.Plan forced = KeyRotation.plan(keysets, keys, POLICY, NOW, true);
        assertThat(forced.create()).containsExactly(new KeyRotation.NewKey(-2, NOW + LEAD, NOW + LEAD + LIFETIME),
                new KeyRotation.NewKey(-1, NOW + LEAD, NOW + LEAD + LIFETIME), new KeyRotation.NewKey(2, NOW + LEAD, NOW + LEAD + LIFETIME),
                new KeyRotation.NewKey(100, NOW + LEAD, NOW + LEAD + LIFETIME));
        int id = 10;
        for (KeyRotation.NewKey k : forced.create()) keys.add(key(id++, k.keysetId(), k.activates(), k.expires()));
        assertThat(KeyRotation.plan(keysets, keys, POLICY, NOW + 60, true).isEmpty()).as("successors already waiting").isTrue();
    }

    @Test
    void forcedRotationOfAKeysetWithoutActiveKeyActivatesAtOnce() {
        List<KeysetKey> keys = List.of(key(1, 100, NOW - 40 * DAY, NOW - DAY));
        assertThat(KeyRotation.plan(List.of(SITE), keys, POLICY, NOW, true).create())
                .containsExactly(new KeyRotation.NewKey(100, NOW, NOW + LIFETIME));
    }

    @Test
    void lateRotationNeverActivatesSoonerThanTheLead() {
        List<KeysetKey> keys = List.of(key(1, -1, NOW - 100 * DAY, NOW + 3650 * DAY));
        KeyRotation.Plan plan = KeyRotation.plan(List.of(MASTER), keys, POLICY, NOW);
        assertThat(plan.create()).containsExactly(new KeyRotation.NewKey(-1, NOW + LEAD, NOW + LEAD + LIFETIME));
    }

    @Test
    void idempotentOnceTheSuccessorExists() {
        List<KeysetKey> keys = new ArrayList<>(List.of(key(1, 100, NOW - 20 * DAY, NOW + 10 * DAY)));
        KeyRotation.NewKey next = KeyRotation.plan(List.of(SITE), keys, POLICY, NOW).create().get(0);
        keys.add(key(2, 100, next.activates(), next.expires()));
        assertThat(KeyRotation.plan(List.of(SITE), keys, POLICY, NOW).isEmpty()).isTrue();
        assertThat(KeyRotation.plan(List.of(SITE), keys, POLICY, NOW + LEAD + 1).isEmpty()).isTrue();
    }

    @Test
    void keysetWithoutActiveKeyGetsOneAtOnce() {
        assertThat(KeyRotation.plan(List.of(SITE), List.of(), POLICY, NOW).create())
                .containsExactly(new KeyRotation.NewKey(100, NOW, NOW + LIFETIME));
        List<KeysetKey> expired = List.of(key(1, 100, NOW - 40 * DAY, NOW - 10));
        assertThat(KeyRotation.plan(List.of(SITE), expired, POLICY, NOW).create())
                .containsExactly(new KeyRotation.NewKey(100, NOW, NOW + LIFETIME));
    }

    @Test
    void disabledKeysetsGetNoKeysButOldOnesAreDeleted() {
        List<KeysetKey> keys = List.of(key(7, 101, NOW - 100 * DAY, NOW - 10 * DAY));
        KeyRotation.Plan plan = KeyRotation.plan(List.of(DISABLED), keys, POLICY, NOW);
        assertThat(plan.create()).isEmpty();
        assertThat(plan.delete()).extracting(KeysetKey::id).containsExactly(7);
        Keyset disabledMaster = new Keyset(-1, -1, "master", null, 0, false, true);
        assertThat(KeyRotation.plan(List.of(disabledMaster), List.of(), POLICY, NOW).create()).hasSize(1);
    }

    @Test
    void keysAreKeptUntilEveryTokenTheyEncryptedHasExpired() {
        long expired = NOW - 2 * DAY;
        List<KeysetKey> keys = List.of(
                key(1, 100, NOW - 40 * DAY, expired),             // site key: retention 3 days → kept
                key(2, 100, NOW - 50 * DAY, NOW - 3 * DAY),        // exactly at expires + 3 days → deleted
                key(3, -2, NOW - 60 * DAY, NOW - 29 * DAY),        // refresh key: retention 30 days → kept
                key(4, -2, NOW - 80 * DAY, NOW - 31 * DAY),        // → deleted
                key(5, 100, NOW - DAY, NOW + LIFETIME),
                key(6, -2, NOW - DAY, NOW + LIFETIME));
        KeyRotation.Plan plan = KeyRotation.plan(List.of(REFRESH, SITE), keys, POLICY, NOW);
        assertThat(plan.delete()).extracting(KeysetKey::id).containsExactly(2, 4);
        assertThat(plan.create()).isEmpty();
    }

    @Test
    void retentionFollowsTheLongestTokenLifetime() {
        RuntimeConfig rc = new RuntimeConfig(3600, 86400, 900, 2592000, 7200L, null, org.openuid.core.identity.IdentityEnvironment.TEST);
        KeyRotation.Policy p = KeyRotation.Policy.of(rc, LIFETIME, LEAD, 1800);
        assertThat(p.tokenRetentionSeconds()).isEqualTo(2592000 + 1800);
        assertThat(p.refreshRetentionSeconds()).isEqualTo(86400 + 1800);
        RuntimeConfig shortSharing = new RuntimeConfig(3600, 86400, 900, 600, 7200L, null, org.openuid.core.identity.IdentityEnvironment.TEST);
        assertThat(KeyRotation.Policy.of(shortSharing, LIFETIME, LEAD, 0).tokenRetentionSeconds()).isEqualTo(7200);
    }

    @Test
    void policyValidation() {
        assertThatThrownBy(() -> new KeyRotation.Policy(0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyRotation.Policy(DAY, DAY / 2, 0, 0)).hasMessageContaining("half");
        assertThatThrownBy(() -> new KeyRotation.Policy(DAY, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyRotatedKeysetAlwaysHasAnActiveKeyOverAYearOfDailyRuns() {
        List<Keyset> keysets = List.of(MASTER, REFRESH, FALLBACK, SITE);
        List<KeysetKey> keys = new ArrayList<>();
        int nextId = 1;
        for (long t = NOW; t < NOW + 365 * DAY; t += DAY) {
            KeyRotation.Plan plan = KeyRotation.plan(keysets, keys, POLICY, t);
            keys.removeAll(plan.delete());
            for (KeyRotation.NewKey k : plan.create()) keys.add(key(nextId++, k.keysetId(), k.activates(), k.expires()));
            for (Keyset ks : keysets) {
                List<KeysetKey> own = keys.stream().filter(k -> k.keysetId() == ks.keysetId()).toList();
                assertThat(KeyRotation.activeKey(own, t)).as("keyset %d at day %d", ks.keysetId(), (t - NOW) / DAY).isNotNull();
                assertThat(KeyRotation.activeKey(own, t + DAY - 1)).isNotNull();
                assertThat(own.size()).isLessThanOrEqualTo(5);
            }
        }
    }
}

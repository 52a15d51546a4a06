package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.store.KeyFactory;
import org.openuid.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys of a fresh store follow docs/keys.md: valid for {@code key_lifetime_days}, a successor half-way through,
 * created {@code key_activation_lead_minutes} ahead of its activation; keys living longer than the configured
 * lifetime (stores bootstrapped by earlier versions) get a successor at the next run. The operator's clock is
 * injected; everything goes through {@code openuid admin keys rotate}.
 */
class KeyScheduleTest {
    static final long DAY_MS = 86_400_000L;
    static final long LEAD_SECONDS = 3600;

    @Test
    void aFreshStoresKeysRotateHalfWayThroughTheConfiguredLifetime() throws Exception {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        try (TestOperator op = TestOperator.bootstrapped(Map.of("key_lifetime_days", "10", "key_activation_lead_minutes", "60"),
                clock::get)) {
            List<KeysetKey> first = op.node.store().loadAll().keys();
            assertThat(first).hasSize(4).allSatisfy(k -> assertThat(k.expires() - k.activates()).isEqualTo(10 * 86400));

            CliRun fresh = CliRun.run(AdminHttp.cli(op, "keys", "rotate", "--dry-run"));
            assertThat(fresh.exitCode()).as(fresh.err()).isZero();
            assertThat(fresh.json().get("would_create")).isEmpty();

            // the successor is due five days after activation (bootstrap keys activate an hour before the start)
            long dueSec = first.get(0).activates() + 5 * 86400;
            clock.set((dueSec - LEAD_SECONDS - 60) * 1000);
            assertThat(CliRun.run(AdminHttp.cli(op, "keys", "rotate")).json().get("created")).isEmpty();
            clock.set((dueSec - LEAD_SECONDS) * 1000);
            CliRun rotated = CliRun.run(AdminHttp.cli(op, "keys", "rotate"));
            assertThat(rotated.exitCode()).as(rotated.err()).isZero();
            JsonNode created = rotated.json().get("created");
            assertThat(created).hasSize(4);
            for (JsonNode k : created) {
                assertThat(k.get("activates").asLong()).isEqualTo(dueSec);
                assertThat(k.get("expires").asLong()).isEqualTo(dueSec + 10 * 86400);
                assertThat(k.get("state").asText()).isEqualTo("pending");
            }
            assertThat(CliRun.run(AdminHttp.cli(op, "keys", "rotate")).json().get("created")).isEmpty();

            // the first keys are deleted once their tokens have all expired (key expiry + retention), not before
            long firstExpires = first.get(0).expires();
            clock.set((firstExpires + 86400) * 1000);
            JsonNode later = CliRun.run(AdminHttp.cli(op, "keys", "rotate")).json();
            assertThat(later.get("deleted")).isEmpty();
            assertThat(later.get("created")).hasSize(4);   // the successors are half-way through by now
            clock.set((firstExpires + 31 * 86400L + 1800) * 1000);
            JsonNode cleaned = CliRun.run(AdminHttp.cli(op, "keys", "rotate", "--dry-run")).json();
            List<Integer> deleted = new ArrayList<>();
            cleaned.get("would_delete").forEach(k -> deleted.add(k.get("key_id").asInt()));
            assertThat(deleted).containsAll(first.stream().map(KeysetKey::id).toList());
        }
    }

    @Test
    void aKeyLivingLongerThanTheLifetimeGetsASuccessorAtTheNextRun() throws Exception {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        try (TestOperator op = TestOperator.bootstrapped(Map.of("key_activation_lead_minutes", "60"), clock::get)) {
            long nowSec = clock.get() / 1000;
            // as bootstrapped by earlier versions: a keyset whose only key is valid for ten years
            Store store = op.node.store();
            int keysetId = store.nextKeysetId();
            store.upsertKeyset(new Keyset(keysetId, op.demoSiteId(), "old", List.of(), nowSec, true, false));
            KeysetKey old = KeyFactory.newKey(store.nextKeyId(), keysetId, nowSec, nowSec, nowSec + 3650L * 86400);
            store.insertKey(old);

            JsonNode run = CliRun.run(AdminHttp.cli(op, "keys", "rotate")).json();
            assertThat(run.get("created")).hasSize(1);
            JsonNode successor = run.get("created").get(0);
            assertThat(successor.get("keyset_id").asInt()).isEqualTo(keysetId);
            assertThat(successor.get("activates").asLong()).isEqualTo(nowSec + LEAD_SECONDS);
            assertThat(successor.get("expires").asLong()).isEqualTo(nowSec + LEAD_SECONDS + 30 * 86400);
            assertThat(run.get("deleted")).isEmpty();
            assertThat(CliRun.run(AdminHttp.cli(op, "keys", "list", "--keyset", "" + keysetId)).json())
                    .extracting(k -> k.get("key_id").asInt()).contains(old.id());
            assertThat(CliRun.run(AdminHttp.cli(op, "keys", "rotate", "--dry-run")).json().get("would_create")).isEmpty();
        }
    }
}

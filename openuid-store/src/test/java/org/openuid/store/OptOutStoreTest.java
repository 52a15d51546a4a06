package org.openuid.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.OptOutRecord;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Opt-out rules every backend must follow: a record is its (first-level hash, raw UID) pair, batches and bulk-import
 * progress are written in one transaction, and the V5 migration removes pairs repeated by older versions.
 */
abstract class OptOutStoreTest {

    protected Store store;

    protected abstract void createDatabase() throws Exception;

    protected abstract Store openStore();

    protected abstract void dropDatabase() throws Exception;

    /** JDBC URL, user and password of the test database, for migrating it to an older schema version. */
    protected abstract String[] jdbc();

    @BeforeEach
    void open() throws Exception {
        createDatabase();
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) store.close();
        dropDatabase();
    }

    static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (seed * 31 + i);
        for (int i = 0; i < 4; i++) b[i] = (byte) (seed >>> (8 * i));
        return b;
    }

    static OptOutRecord record(int flhSeed, int rawSeed, long time) {
        return new OptOutRecord(bytes(32, flhSeed), bytes(32, rawSeed), time);
    }

    @Test
    void repeatingAPairAddsNothingAndKeepsTheFirstTime() {
        store = openStore();
        long first = store.addOptOut(record(1, 1, 100));
        assertThat(store.addOptOut(record(1, 1, 50))).isEqualTo(first);
        long rotated = store.addOptOut(record(1, 2, 200));
        assertThat(rotated).isGreaterThan(first);
        long rawOnly = store.addOptOut(new OptOutRecord(new byte[0], bytes(33, 7), 300));
        assertThat(store.addOptOut(new OptOutRecord(new byte[0], bytes(33, 7), 400))).isEqualTo(rawOnly);

        List<OptOutEntry> all = store.optOutsAfter(0, 100);
        assertThat(all).extracting(OptOutEntry::sequence).containsExactly(first, rotated, rawOnly);
        assertThat(all.get(0).record().timestampSeconds()).isEqualTo(100);
        assertThat(all.get(2).record().firstLevelHash()).isEmpty();
        assertThat(all.get(2).record().rawUid()).isEqualTo(bytes(33, 7));
    }

    @Test
    void batchesAddOnlyNewPairsInOrderAndTheEarliestTimeOfAPairStands() {
        store = openStore();
        store.addOptOut(record(1, 1, 100));
        store.addOptOut(record(4, 4, 40));
        int added = store.addOptOuts(List.of(record(1, 1, 150), record(2, 2, 2), record(3, 3, 3), record(2, 2, 4)));
        assertThat(added).isEqualTo(2);
        assertThat(store.addOptOuts(List.of())).isZero();
        List<OptOutEntry> all = store.optOutsAfter(0, 100);
        assertThat(all).extracting(e -> e.record().timestampSeconds()).containsExactly(100L, 40L, 2L, 3L);
        assertThat(all).extracting(OptOutEntry::sequence).isSorted();

        // an earlier time for a recorded pair replaces the record: a new entry, so tailing readers learn it
        long before = all.get(all.size() - 1).sequence();
        assertThat(store.addOptOuts(List.of(record(4, 4, 45), record(1, 1, 7), record(1, 1, 9)))).isZero();
        List<OptOutEntry> after = store.optOutsAfter(0, 100);
        assertThat(after).extracting(e -> e.record().timestampSeconds()).containsExactly(40L, 2L, 3L, 7L);
        assertThat(store.optOutsAfter(before, 100)).extracting(e -> e.record().timestampSeconds()).containsExactly(7L);

        List<OptOutRecord> many = new ArrayList<>();
        for (int i = 0; i < 2500; i++) many.add(record(1000 + i, 1000 + i, i));
        assertThat(store.addOptOuts(many)).isEqualTo(2500);
        assertThat(store.addOptOuts(many)).isZero();
        assertThat(store.optOutsAfter(0, 10_000)).hasSize(2504);
    }

    @Test
    void importProgressIsSavedWithItsBatch() {
        store = openStore();
        assertThat(store.optOutImport("abc")).isEmpty();
        store.addOptOut(record(1, 1, 100));
        OptOutImportProgress start = OptOutImportProgress.start("abc", 1000, "email", 10);
        OptOutImportProgress afterFirst = new OptOutImportProgress("abc", 1000, "email", 400, 20, 0, 0, 3, false, 11);
        OptOutImportProgress saved = store.addImportedOptOuts(List.of(record(1, 1, 5), record(2, 2, 5)), start.nextOffset(), afterFirst);
        assertThat(saved).isEqualTo(new OptOutImportProgress("abc", 1000, "email", 400, 20, 1, 1, 3, false, 11));

        store.close();
        store = openStore();
        assertThat(store.optOutImport("abc")).contains(saved);

        // a second importer still at offset 0 is refused, and its batch is not written
        assertThatThrownBy(() -> store.addImportedOptOuts(List.of(record(9, 9, 5)), 0, afterFirst))
                .isInstanceOf(StoreException.class).hasMessageContaining("another import");
        assertThat(store.optOutsAfter(0, 100)).hasSize(2);

        OptOutImportProgress last = new OptOutImportProgress("abc", 1000, "email", 1000, 41, saved.added(),
                saved.alreadyOptedOut(), 4, true, 12);
        OptOutImportProgress done = store.addImportedOptOuts(List.of(record(3, 3, 6)), saved.nextOffset(), last);
        assertThat(done.added()).isEqualTo(2);
        assertThat(done.complete()).isTrue();
        assertThat(store.optOutImport("abc")).contains(done);
        assertThat(store.optOutsAfter(0, 100)).hasSize(3);
    }

    @Test
    void upgradeRemovesRepeatedPairsKeepingTheFirst() throws Exception {
        String[] jdbc = jdbc();
        Flyway.configure().dataSource(jdbc[0], jdbc[1], jdbc[2]).locations(JdbcStore.MIGRATIONS).target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(jdbc[0], jdbc[1], jdbc[2]);
             PreparedStatement ps = c.prepareStatement("INSERT INTO optouts (first_level_hash, raw_uid, opted_out_at) VALUES (?, ?, ?)")) {
            for (OptOutRecord r : List.of(record(1, 1, 10), record(1, 1, 5), record(1, 2, 20), record(2, 2, 30), record(1, 1, 1))) {
                ps.setBytes(1, r.firstLevelHash());
                ps.setBytes(2, r.rawUid());
                ps.setLong(3, r.timestampSeconds());
                ps.executeUpdate();
            }
        }
        store = openStore();
        assertThat(store.optOutsAfter(0, 100)).extracting(e -> e.record().timestampSeconds()).containsExactly(10L, 20L, 30L);
        assertThatThrownBy(() -> {
            try (Connection c = DriverManager.getConnection(jdbc[0], jdbc[1], jdbc[2]);
                 PreparedStatement ps = c.prepareStatement("INSERT INTO optouts (first_level_hash, raw_uid, opted_out_at) VALUES (?, ?, 1)")) {
                ps.setBytes(1, bytes(32, 2));
                ps.setBytes(2, bytes(32, 2));
                ps.executeUpdate();
            }
        }).as("the pair rule is enforced by a unique index").isInstanceOf(java.sql.SQLException.class);
    }
}

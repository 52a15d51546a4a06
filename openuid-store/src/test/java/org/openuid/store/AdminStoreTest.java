package org.openuid.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administration data every backend must keep (schema V7): admin tokens stored hashed and updated in place, and an
 * append-only audit log read newest first in pages; neither moves the change version.
 */
abstract class AdminStoreTest {
    protected Store store;

    protected abstract void createDatabase() throws Exception;

    protected abstract Store openStore();

    protected abstract void dropDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        createDatabase();
        store = openStore();
    }

    @AfterEach
    void close() throws Exception {
        if (store != null) store.close();
        dropDatabase();
    }

    @Test
    void adminTokensAreStoredHashedAndUpdatedInPlace() {
        long version = store.changeVersion();
        NewAdminToken a = AdminTokens.create("first", 100);
        NewAdminToken b = AdminTokens.create("second", 200);
        store.upsertAdminToken(a.record());
        store.upsertAdminToken(b.record());
        List<AdminToken> tokens = store.adminTokens();
        assertThat(tokens).extracting(AdminToken::name).containsExactly("first", "second");
        assertThat(AdminTokens.verify(tokens, a.token())).map(AdminToken::tokenId).contains(a.record().tokenId());
        assertThat(AdminTokens.verify(tokens, b.token())).map(AdminToken::tokenId).contains(b.record().tokenId());

        store.upsertAdminToken(a.record().withDisabled(true));
        tokens = store.adminTokens();
        assertThat(tokens).hasSize(2);
        assertThat(AdminTokens.verify(tokens, a.token())).isEmpty();
        assertThat(store.changeVersion()).isEqualTo(version);

        store.close();
        store = openStore();
        assertThat(AdminTokens.verify(store.adminTokens(), b.token())).isPresent();
    }

    @Test
    void auditEntriesAreAppendedAndReadNewestFirstInPages() {
        long version = store.changeVersion();
        long[] seq = new long[5];
        for (int i = 0; i < 5; i++) {
            seq[i] = store.appendAudit(new AuditEntry(0, 1000 + i, "OUID-A-abcdefgh", "ops", "site.update", "site",
                    Integer.toString(100 + i), "{\"enabled\":false}"));
        }
        for (int i = 1; i < 5; i++) assertThat(seq[i]).isGreaterThan(seq[i - 1]);
        List<AuditEntry> page = store.auditLog(0, 2);
        assertThat(page).extracting(AuditEntry::targetId).containsExactly("104", "103");
        assertThat(page.get(0).atMs()).isEqualTo(1004);
        assertThat(page.get(0).details()).isEqualTo("{\"enabled\":false}");
        assertThat(store.auditLog(page.get(1).sequence(), 10)).extracting(AuditEntry::targetId).containsExactly("102", "101", "100");
        assertThat(store.auditLog(0, 0)).isEmpty();
        assertThat(store.changeVersion()).isEqualTo(version);
        long next = store.appendAudit(new AuditEntry(0, 2000, "local", "", "admin_token.reset", "admin_token", null, null));
        AuditEntry last = store.auditLog(0, 1).get(0);
        assertThat(last.sequence()).isEqualTo(next);
        assertThat(last.targetId()).isEmpty();
        assertThat(last.details()).isEqualTo("{}");
    }
}

package org.openuid.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Admin token format, hashing and verification. */
class AdminTokensTest {

    @Test
    void aNewTokenHasItsIdAsPrefixAndOnlyItsSaltedHashIsKept() {
        NewAdminToken t = AdminTokens.create("ops", 1);
        assertThat(t.token()).matches("OUID-A-[A-Za-z0-9]{8}-[A-Za-z0-9]{40}");
        assertThat(t.token()).startsWith(t.record().tokenId() + "-");
        assertThat(AdminTokens.idOf(t.token())).isEqualTo(t.record().tokenId());
        assertThat(t.record().hash()).isEqualTo(AdminTokens.hash(t.record().salt(), t.token()));
        assertThat(t.record().salt()).hasSize(32);
        assertThat(t.toString()).doesNotContain(t.token());
        assertThat(t.record().toString()).doesNotContain(t.token().substring(16));
        assertThat(AdminTokens.create("ops", 1).token()).isNotEqualTo(t.token());
    }

    @Test
    void verifyAcceptsOnlyTheExactEnabledToken() {
        NewAdminToken a = AdminTokens.create("a", 1);
        NewAdminToken b = AdminTokens.create("b", 1);
        List<AdminToken> tokens = List.of(a.record(), b.record());
        assertThat(AdminTokens.verify(tokens, a.token())).contains(a.record());
        assertThat(AdminTokens.verify(tokens, b.token())).contains(b.record());
        String tampered = a.token().substring(0, a.token().length() - 1) + (a.token().endsWith("A") ? "B" : "A");
        assertThat(AdminTokens.verify(tokens, tampered)).isEmpty();
        assertThat(AdminTokens.verify(tokens, a.record().tokenId())).isEmpty();
        assertThat(AdminTokens.verify(tokens, null)).isEmpty();
        assertThat(AdminTokens.verify(tokens, "")).isEmpty();
        assertThat(AdminTokens.verify(tokens, "OUID-A-unknown1-" + "x".repeat(40))).isEmpty();
        assertThat(AdminTokens.verify(List.of(a.record().withDisabled(true)), a.token())).isEmpty();
        assertThat(AdminTokens.idOf("OUID-A-short-x")).isNull();
        assertThat(AdminTokens.idOf("UID2-C-L-100-abcdef.x")).isNull();
    }
}

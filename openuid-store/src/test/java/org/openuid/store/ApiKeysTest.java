package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.Role;

import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {

    @Test
    void createsKeysInTheUpstreamFormat() {
        NewClientKey k = ApiKeys.create(123, "Publisher", EnumSet.of(Role.GENERATOR, Role.SHARER), 1700000000L);
        assertThat(k.apiKey()).matches("UID2-C-L-123-[A-Za-z0-9+/]{6}\\.[A-Za-z0-9+/]{38}");
        assertThat(k.apiKey()).matches("(?:UID2|EUID)-[CO]-[LTIP]-([0-9]+)-.{6}\\..{38}");
        ClientKey c = k.client();
        assertThat(c.keyId()).isEqualTo(k.apiKey().substring(0, 18)).hasSize(18);
        assertThat(c.keySalt()).hasSize(32);
        assertThat(c.keyHash()).isEqualTo(BootstrapAssertions.sha512(c.keySalt(), k.apiKey())).hasSize(64);
        assertThat(c.secret()).hasSize(32).isEqualTo(Base64.getDecoder().decode(k.secretBase64()));
        assertThat(c.roles()).containsExactlyInAnyOrder(Role.GENERATOR, Role.SHARER);
        assertThat(c.siteId()).isEqualTo(123);
        assertThat(c.created()).isEqualTo(1700000000L);
        assertThat(c.name()).isEqualTo("Publisher");
        assertThat(c.disabled()).isFalse();
        assertThat(c.serviceId()).isZero();
        assertThat(ApiKeys.matches(c, k.apiKey())).isTrue();
        assertThat(ApiKeys.matches(c, k.apiKey().substring(1))).isFalse();
        assertThat(k.toString()).doesNotContain(k.apiKey()).doesNotContain(k.secretBase64());
    }

    @Test
    void keysAreRandom() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100; i++) keys.add(ApiKeys.create(1, "n", Set.of(), 0).apiKey());
        assertThat(keys).hasSize(100);
    }

    @Test
    void hashMatchesTheUpstreamTestClient() {
        byte[] salt = Base64.getDecoder().decode("RvCHAXUo/1pR3Nun5HuzcRJvlC7vT6gZMmsGPzyOONA=");
        assertThat(Base64.getEncoder().encodeToString(ApiKeys.hash(salt, "UID2-C-L-999-fCXrMM.fsR3mDqAXELtWWMS+xG1s7RdgRTMqdOH2qaAo=")))
                .isEqualTo("FIUDeEqA+O2hW7PXdAJI/NAnJleHX+6QU46avhal5Wy4th0ZEKvG5eoFk8CFvqxGkMFlHwGG+DWTU+ZdwiHdQg==");
    }

    @Test
    void rejectsNegativeSiteIds() {
        assertThatThrownBy(() -> ApiKeys.create(-1, "n", Set.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.openuid.server.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin listener's settings: loopback and 8081 by default, -1 turns it off, bad values name the key. */
class AdminSettingsTest {

    @Test
    void defaultsToLoopbackOn8081() {
        AdminSettings a = OperatorConfig.defaults().admin();
        assertThat(a.bindHost()).isEqualTo("127.0.0.1");
        assertThat(a.port()).isEqualTo(8081);
        assertThat(a.enabled()).isTrue();
    }

    @Test
    void minusOneTurnsItOff() {
        assertThat(OperatorConfig.fromSettings(Map.of("admin_port", "-1")).admin().enabled()).isFalse();
        assertThat(OperatorConfig.fromSettings(Map.of("admin_port", "0")).admin().enabled()).isTrue();
    }

    @Test
    void invalidValuesNameTheKey() {
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("admin_port", "-2"))).hasMessageContaining("admin_port");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("admin_port", "65536"))).hasMessageContaining("admin_port");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("admin_port", "admin"))).hasMessageContaining("admin_port");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("admin_bind_host", " "))).hasMessageContaining("admin_bind_host");
    }

    @Test
    void environmentVariablesSetThem() throws Exception {
        OperatorConfig c = OperatorConfig.fromSettings(OperatorConfig.settings(null,
                Map.of("OPENUID_ADMIN_PORT", "9181", "OPENUID_ADMIN_BIND_HOST", "0.0.0.0")));
        assertThat(c.admin().port()).isEqualTo(9181);
        assertThat(c.admin().bindHost()).isEqualTo("0.0.0.0");
    }
}

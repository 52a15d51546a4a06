package org.openuid.server.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store connection keys: {@code store_password_file} and {@code store_pool_size}. */
class StoreConnectionSettingsTest {

    @Test
    void defaults() {
        StoreConnectionSettings s = OperatorConfig.defaults().storeConnection();
        assertThat(s.passwordFile()).isEmpty();
        assertThat(s.poolSize()).isEqualTo(8);
    }

    @Test
    void fromSettingsAndEnvironment() throws Exception {
        Map<String, String> env = Map.of("OPENUID_STORE_PASSWORD_FILE", " /run/secrets/pg ", "OPENUID_STORE_POOL_SIZE", "4");
        StoreConnectionSettings s = OperatorConfig.fromSettings(OperatorConfig.settings(null, env)).storeConnection();
        assertThat(s.passwordFile()).isEqualTo("/run/secrets/pg");
        assertThat(s.poolSize()).isEqualTo(4);
    }

    @Test
    void aPoolNeedsAConnection() {
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("store_pool_size", "0")))
                .hasMessage("store_pool_size must be at least 1, got 0");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("store_pool_size", "many")))
                .hasMessage("store_pool_size must be a whole number, got 'many'");
    }
}

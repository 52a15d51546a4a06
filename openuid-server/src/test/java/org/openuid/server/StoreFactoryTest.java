package org.openuid.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.core.crypto.IvSource;
import org.openuid.server.config.OperatorConfig;
import org.openuid.store.SecretSealer;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which secrets key seals a store, and the keys that only open values (rotation). */
class StoreFactoryTest {
    @TempDir
    Path dir;

    private static String newKey() {
        return Base64.getEncoder().encodeToString(IvSource.secure().next(32));
    }

    @Test
    void otherKeysOpenWhatTheyHaveSealed() {
        String oldKey = newKey();
        byte[] underOld = SecretSealer.fromBase64(oldKey).sealBytes(new byte[] {1, 2, 3});
        SecretSealer s = StoreFactory.sealer(OperatorConfig.fromSettings(Map.of("store", dir.toString(),
                "secrets_key", newKey(), "other_secrets_keys", oldKey)));
        assertThat(s.rotating()).isTrue();
        assertThat(s.openBytes(underOld)).containsExactly(1, 2, 3);
    }

    @Test
    void otherKeysWithTheEmbeddedStoresOwnKey() {
        SecretSealer s = StoreFactory.sealer(OperatorConfig.fromSettings(Map.of("store", dir.toString(),
                "other_secrets_keys", newKey())));
        assertThat(s.enabled()).isTrue();
        assertThat(s.rotating()).isTrue();
        assertThat(dir.resolve(StoreFactory.EMBEDDED_KEY_FILE)).exists();
    }

    @Test
    void clearMessages() {
        assertThatThrownBy(() -> StoreFactory.sealer(OperatorConfig.fromSettings(Map.of(
                "store", "postgresql://db:5432/openuid", "other_secrets_keys", newKey()))))
                .hasMessage("other_secrets_keys needs a secrets key (secrets_key or secrets_key_file) to seal under");
        assertThatThrownBy(() -> StoreFactory.sealer(OperatorConfig.fromSettings(Map.of(
                "store", dir.toString(), "secrets_key", newKey(), "other_secrets_keys", "short"))))
                .hasMessage("other_secrets_keys: each key must be the Base64 of 32 bytes");
    }
}

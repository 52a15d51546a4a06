package org.openuid.server.config;

import org.junit.jupiter.api.Test;
import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.model.RuntimeConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration is validated at start with messages that name the setting. */
class OperatorConfigTest {

    @Test
    void demoCredentialsGoIntoTheStoreDirectoryOrTheWorkingDirectoryOnPostgres() {
        // as docs/configuration.md (credentials_file) says
        assertThat(OperatorConfig.fromSettings(Map.of("store", "/srv/openuid/data")).credentialsPath())
                .isEqualTo(Path.of("/srv/openuid/data/demo-credentials.json"));
        assertThat(OperatorConfig.fromSettings(Map.of("store", "postgresql://db:5432/openuid")).credentialsPath())
                .isEqualTo(Path.of("demo-credentials.json"));
        assertThat(OperatorConfig.fromSettings(Map.of("store", "postgresql://db:5432/openuid", "credentials_file", "/tmp/c.json"))
                .credentialsPath()).isEqualTo(Path.of("/tmp/c.json"));
    }

    @Test
    void otherSecretsKeysAreAListAndNeverPrinted() throws Exception {
        assertThat(OperatorConfig.defaults().otherSecretsKeys()).isEmpty();
        assertThat(OperatorConfig.fromSettings(Map.of("other_secrets_keys", " a2V5MQ==, a2V5Mg== ")).otherSecretsKeys())
                .containsExactly("a2V5MQ==", "a2V5Mg==");
        Path f = Files.createTempFile("openuid", ".json");
        Files.writeString(f, "{\"other_secrets_keys\": [\"a2V5MQ==\", \"a2V5Mg==\"]}");
        OperatorConfig c = OperatorConfig.fromSettings(OperatorConfig.settings(f, Map.of()));
        assertThat(c.otherSecretsKeys()).containsExactly("a2V5MQ==", "a2V5Mg==");
        assertThat(c.toString()).contains("other_secrets_keys=2 set").doesNotContain("a2V5");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("other_secrets_keys", "[\"a2V5MQ==\"")))
                .hasMessage("other_secrets_keys must be a JSON array of strings or values separated by commas");
    }

    @Test
    void defaults() {
        OperatorConfig c = OperatorConfig.defaults();
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.identityScope()).isEqualTo(IdentityScope.UID2);
        assertThat(c.store()).isEqualTo("./data");
        assertThat(c.allowLegacyApi()).isFalse();
    }

    @Test
    void demoModeTurnsOnTheLegacyApiUnlessSetExplicitly() {
        assertThat(OperatorConfig.fromSettings(Map.of("demo_mode", "true")).allowLegacyApi()).isTrue();
        assertThat(OperatorConfig.fromSettings(Map.of("demo_mode", "true", "allow_legacy_api", "false")).allowLegacyApi()).isFalse();
    }

    @Test
    void clearMessages() {
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("port", "70000")))
                .hasMessage("port must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("port", "eighty")))
                .hasMessage("port must be a whole number, got 'eighty'");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("identity_scope", "uid3")))
                .hasMessage("identity_scope must be uid2 or euid, got 'uid3'");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("enable_phone_support", "yes")))
                .hasMessage("enable_phone_support must be true or false, got 'yes'");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("colour", "blue")))
                .hasMessage("unknown configuration key 'colour'");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("salt_bucket_count", "0")))
                .hasMessageContaining("salt_bucket_count");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("ops_port", "-5")))
                .hasMessageContaining("ops_port");
    }

    @Test
    void fileThenEnvironment() throws Exception {
        Path f = Files.createTempFile("openuid", ".json");
        Files.writeString(f, "{\"port\": 9000, \"identity_scope\": \"euid\"}");
        OperatorConfig c = OperatorConfig.fromSettings(OperatorConfig.settings(f, Map.of("OPENUID_PORT", "9100", "HOME", "/root")));
        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.identityScope()).isEqualTo(IdentityScope.EUID);
        Files.writeString(f, "{\"prot\": 9000}");
        assertThatThrownBy(() -> OperatorConfig.settings(f, Map.of())).hasMessageContaining("unknown configuration key 'prot'");
        Files.writeString(f, "[1]");
        assertThatThrownBy(() -> OperatorConfig.settings(f, Map.of())).hasMessageContaining("must hold a JSON object");
    }

    @Test
    void tokenLifetimesMustBeConsistent() {
        assertThatThrownBy(() -> new RuntimeConfig(3600, 1800, 900, 2592000, null, null, IdentityEnvironment.TEST).validate())
                .hasMessage("refresh_token_expires_after_seconds (1800) must be >= identity_token_expires_after_seconds (3600)");
        assertThatThrownBy(() -> new RuntimeConfig(600, 86400, 900, 2592000, null, null, IdentityEnvironment.TEST).validate())
                .hasMessage("identity_token_expires_after_seconds (600) must be >= refresh_identity_token_after_seconds (900)");
        assertThatThrownBy(() -> new RuntimeConfig(3600, 86400, 900, 2592000, 60L, null, IdentityEnvironment.TEST).validate())
                .hasMessageContaining("max_bidstream_lifetime_seconds (60)");
        assertThat(RuntimeConfig.testDefaults().validate()).isNotNull();
    }
}

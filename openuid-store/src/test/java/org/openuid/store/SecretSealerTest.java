package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Role;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Secrets at rest are sealed under a key kept outside the database. */
class SecretSealerTest {
    @TempDir
    Path dir;

    @Test
    void sealsAndOpensBytesAndText() {
        SecretSealer s = SecretSealer.withKey(IvSource.secure().next(32));
        byte[] secret = IvSource.secure().next(32);
        byte[] sealed = s.sealBytes(secret);
        assertThat(sealed).isNotEqualTo(secret).hasSize(5 + 12 + 32 + 16);
        assertThat(s.openBytes(sealed)).isEqualTo(secret);
        assertThat(s.openBytes(secret)).isEqualTo(secret); // written before sealing was configured
        String text = s.sealText("UID2-Y-L-private");
        assertThat(text).startsWith("sealed:v1:").doesNotContain("private");
        assertThat(s.openText(text)).isEqualTo("UID2-Y-L-private");
        assertThat(SecretSealer.none().sealBytes(secret)).isEqualTo(secret);
        assertThatThrownBy(() -> SecretSealer.none().openBytes(sealed)).hasMessageContaining("configure the secrets key");
        assertThatThrownBy(() -> SecretSealer.withKey(IvSource.secure().next(32)).openBytes(sealed)).hasMessageContaining("wrong secrets key");
        assertThatThrownBy(() -> SecretSealer.fromBase64("short")).hasMessageContaining("Base64 of 32 bytes");
    }

    @Test
    void otherKeysOpenButNeverSeal() {
        String oldKey = java.util.Base64.getEncoder().encodeToString(IvSource.secure().next(32));
        String newKey = java.util.Base64.getEncoder().encodeToString(IvSource.secure().next(32));
        SecretSealer old = SecretSealer.fromBase64(oldKey);
        SecretSealer rotating = SecretSealer.fromBase64(newKey).withOtherKeys(java.util.List.of(oldKey));
        byte[] secret = IvSource.secure().next(32);
        byte[] underOld = old.sealBytes(secret);
        String textUnderOld = old.sealText("UID2-Y-L-private");

        assertThat(rotating.rotating()).isTrue();
        assertThat(rotating.openBytes(underOld)).isEqualTo(secret);
        assertThat(rotating.openText(textUnderOld)).isEqualTo("UID2-Y-L-private");
        byte[] resealed = rotating.reseal(underOld);
        assertThat(SecretSealer.fromBase64(newKey).openBytes(resealed)).isEqualTo(secret);
        assertThatThrownBy(() -> old.openBytes(resealed)).hasMessageContaining("wrong secrets key");
        assertThat(SecretSealer.fromBase64(newKey).openText(rotating.reseal(textUnderOld))).isEqualTo("UID2-Y-L-private");
        assertThat(rotating.reseal(resealed)).as("already under the key").isNull();
        assertThat(SecretSealer.fromBase64(newKey).openBytes(rotating.reseal(secret))).as("clear").isEqualTo(secret);
        assertThat(old.reseal(underOld)).as("not rotating: sealed values are left alone").isNull();
        assertThatThrownBy(() -> SecretSealer.withKey(IvSource.secure().next(32)).withOtherKeys(java.util.List.of(oldKey))
                .openBytes(rotating.sealBytes(secret))).hasMessageContaining("wrong secrets key");
        assertThatThrownBy(() -> SecretSealer.none().withOtherKeys(java.util.List.of(oldKey))).hasMessageContaining("need a secrets key");
        assertThat(old.withOtherKeys(java.util.List.of(oldKey)).rotating()).as("the key itself is not another key").isFalse();
    }

    @Test
    void keyFileIsCreatedOnceWithOwnerOnlyPermissions() throws Exception {
        Path file = dir.resolve("secrets.key");
        SecretSealer a = SecretSealer.fromKeyFile(file, true);
        SecretSealer b = SecretSealer.fromKeyFile(file, true);
        assertThat(b.openBytes(a.sealBytes(new byte[]{1, 2, 3}))).containsExactly(1, 2, 3);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThatThrownBy(() -> SecretSealer.fromKeyFile(dir.resolve("missing.key"), false)).hasMessageContaining("cannot read");
    }

    @Test
    void theDatabaseHoldsOnlySealedSecrets() throws Exception {
        SecretSealer sealer = SecretSealer.withKey(IvSource.secure().next(32));
        byte[] clientSecret = IvSource.secure().next(32);
        try (JdbcStore store = Stores.open(dir.resolve("db").toString(), sealer)) {
            store.upsertClient(new ClientKey("k1", new byte[64], new byte[32], clientSecret, "n", "c", 0, Set.of(Role.GENERATOR), 100, false, 0));
            store.upsertKeypair(new ClientSideKeypair("sub", "UID2-X-L-pub", "UID2-Y-L-priv", 100, "c", "n", 0, false));
            assertThat(store.clientByKeyId("k1").orElseThrow().secret()).isEqualTo(clientSecret);
            assertThat(store.loadAll().keypairs().get(0).privateKey()).isEqualTo("UID2-Y-L-priv");
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(), "sa", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT secret FROM client_keys")) {
            rs.next();
            assertThat(rs.getBytes(1)).isNotEqualTo(clientSecret).hasSize(65);
        }
        try (JdbcStore unsealed = Stores.open(dir.resolve("db").toString())) {
            assertThatThrownBy(unsealed::loadAll).hasMessageContaining("sealed secrets");
        }
        assertThat(new String(Files.readAllBytes(dir.resolve("db.mv.db")), StandardCharsets.ISO_8859_1)).doesNotContain("UID2-Y-L-priv");
    }
}

package org.openuid.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.Role;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.Site;
import org.openuid.core.uid.SaltTable;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openuid.store.bootstrap.BootstrapOptions;
import org.openuid.store.bootstrap.BootstrapResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks of a freshly bootstrapped store against the result handed to the operator. */
final class BootstrapAssertions {

    private static final long THIRTY_DAYS_MS = 30L * 24 * 3600 * 1000;
    private static final String KEY_PATTERN = "UID2-C-L-100-[A-Za-z0-9+/]{6}\\.[A-Za-z0-9+/]{38}";

    private BootstrapAssertions() {}

    static void assertBootstrapped(StoreData d, BootstrapResult r, int bucketCount, long nowMs) {
        long nowSec = nowMs / 1000;
        Base64.Decoder b64 = Base64.getDecoder();
        assertThat(r.created()).isTrue();
        assertThat(r.siteId()).isEqualTo(100);

        assertThat(d.runtimeConfig()).isEqualTo(RuntimeConfig.productionDefaults(IdentityEnvironment.PROD));
        assertThat(b64.decode(d.saltMetadata().firstLevelSalt())).hasSize(32);
        assertThat(b64.decode(d.saltMetadata().idSecret())).hasSize(32);
        assertThat(d.saltMetadata().idPrefix()).matches("[a-z]");

        SaltTable salts = d.salts();
        assertThat(salts.size()).isEqualTo(bucketCount);
        Set<String> sampleSalts = new HashSet<>();
        for (int i = 0; i < bucketCount; i++) {
            assertThat(salts.bucketId(i)).isEqualTo(i);
            if (i % 997 == 0 || i == bucketCount - 1) {
                SaltBucket b = salts.bucket(i);
                assertThat(b.lastUpdated()).isEqualTo(nowMs);
                assertThat(b.refreshFrom()).isEqualTo(nowMs + THIRTY_DAYS_MS);
                assertThat(b64.decode(b.currentSalt())).hasSize(32);
                assertThat(b.previousSalt()).isEmpty();
                assertThat(b.currentKey()).isNull();
                assertThat(b.previousKey()).isNull();
                assertThat(sampleSalts.add(b.currentSalt())).isTrue();
            }
        }

        assertThat(d.sites()).containsExactly(new Site(100, "Demo publisher", true, List.of("localhost", "example.com"),
                List.of("com.example.demo"), nowSec));
        assertThat(d.keysets()).extracting(Keyset::keysetId).containsExactly(-2, -1, 2, 100);
        Map<Integer, Keyset> keysets = d.keysets().stream().collect(Collectors.toMap(Keyset::keysetId, Function.identity()));
        assertThat(keysets.get(-1).siteId()).isEqualTo(-1);
        assertThat(keysets.get(-2).siteId()).isEqualTo(-2);
        assertThat(keysets.get(2).siteId()).isEqualTo(2);
        Keyset demo = keysets.get(100);
        assertThat(demo.siteId()).isEqualTo(100);
        assertThat(demo.enabled()).isTrue();
        assertThat(demo.isDefault()).isTrue();

        assertThat(d.keys()).hasSize(4);
        assertThat(d.keys()).extracting(KeysetKey::keysetId).containsExactlyInAnyOrder(-1, -2, 2, 100);
        Set<String> secrets = new HashSet<>();
        for (KeysetKey k : d.keys()) {
            assertThat(k.activates()).isEqualTo(nowSec - 3600);
            assertThat(k.expires() - k.activates()).isEqualTo(BootstrapOptions.DEFAULT_KEY_LIFETIME.toSeconds());
            assertThat(k.secret()).hasSize(32);
            assertThat(secrets.add(Base64.getEncoder().encodeToString(k.secret()))).isTrue();
        }

        assertThat(r.clients()).extracting(BootstrapResult.DemoClient::roles).containsExactly(
                Set.of(Role.GENERATOR), Set.of(Role.MAPPER), Set.of(Role.ID_READER), Set.of(Role.SHARER), Set.of(Role.OPTOUT),
                EnumSet.of(Role.GENERATOR, Role.MAPPER, Role.ID_READER, Role.SHARER, Role.OPTOUT));
        assertThat(d.clients()).hasSize(6);
        Map<String, ClientKey> clients = d.clients().stream().collect(Collectors.toMap(ClientKey::keyId, Function.identity()));
        for (BootstrapResult.DemoClient demoClient : r.clients()) {
            assertThat(demoClient.key()).matches(KEY_PATTERN);
            String keyId = demoClient.key().substring(0, "UID2-C-L-100-".length() + 5);
            ClientKey stored = clients.get(keyId);
            assertThat(stored).as(keyId).isNotNull();
            assertThat(stored.keySalt()).hasSize(32);
            assertThat(sha512(stored.keySalt(), demoClient.key())).as("demo key authenticates").isEqualTo(stored.keyHash());
            assertThat(stored.secret()).isEqualTo(b64.decode(demoClient.secret())).hasSize(32);
            assertThat(stored.roles()).isEqualTo(demoClient.roles());
            assertThat(stored.siteId()).isEqualTo(100);
            assertThat(stored.disabled()).isFalse();
            assertThat(stored.name()).isEqualTo(demoClient.name());
        }

        assertThat(d.keypairs()).hasSize(1);
        ClientSideKeypair kp = d.keypairs().get(0);
        assertThat(kp.subscriptionId()).matches("[A-Za-z0-9]{10}").isEqualTo(r.cstgSubscriptionId());
        assertThat(kp.publicKey()).startsWith("UID2-X-L-").isEqualTo(r.cstgPublicKey());
        assertThat(kp.privateKey()).startsWith("UID2-Y-L-");
        assertThat(kp.siteId()).isEqualTo(100);
        assertKeypairMatches(kp);

        assertJson(r);
        assertThat(r.toString()).doesNotContain(r.clients().get(0).key()).doesNotContain(r.clients().get(0).secret());
    }

    static byte[] sha512(byte[] salt, String key) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            md.update(salt);
            md.update(key.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertKeypairMatches(ClientSideKeypair kp) {
        try {
            KeyFactory kf = KeyFactory.getInstance("EC");
            PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(kp.publicKey().substring(9))));
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(kp.privateKey().substring(9))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(priv);
            signer.update(new byte[]{1, 2, 3});
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(pub);
            verifier.update(new byte[]{1, 2, 3});
            assertThat(verifier.verify(sig)).isTrue();
            assertThat(pub.toString()).contains("secp256r1");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertJson(BootstrapResult r) {
        try {
            JsonNode json = new ObjectMapper().readTree(r.toJson());
            assertThat(json.get("site_id").asInt()).isEqualTo(100);
            assertThat(json.get("clients")).hasSize(6);
            JsonNode all = json.get("clients").get(5);
            assertThat(all.get("name").asText()).isEqualTo(r.clients().get(5).name());
            assertThat(all.get("key").asText()).isEqualTo(r.clients().get(5).key());
            assertThat(all.get("secret").asText()).isEqualTo(r.clients().get(5).secret());
            assertThat(all.get("roles")).hasSize(5);
            assertThat(json.get("clients").get(0).get("roles").get(0).asText()).isEqualTo("GENERATOR");
            assertThat(json.get("cstg").get("subscription_id").asText()).isEqualTo(r.cstgSubscriptionId());
            assertThat(json.get("cstg").get("public_key").asText()).isEqualTo(r.cstgPublicKey());
            assertThat(json.size()).isEqualTo(3);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}

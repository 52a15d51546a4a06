package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.openuid.core.cstg.CstgCrypto;
import org.openuid.core.model.ClientSideKeypair;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class CstgKeypairsTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void keysCarryTheLocalPrefixAndFormAMatchingP256Pair() throws Exception {
        ClientSideKeypair kp = CstgKeypairs.create("abcDEF1234", 101, "ops@example.com", "Web", 1_700_000_000L, random);
        assertThat(kp.subscriptionId()).isEqualTo("abcDEF1234");
        assertThat(kp.siteId()).isEqualTo(101);
        assertThat(kp.contact()).isEqualTo("ops@example.com");
        assertThat(kp.name()).isEqualTo("Web");
        assertThat(kp.created()).isEqualTo(1_700_000_000L);
        assertThat(kp.disabled()).isFalse();
        assertThat(kp.publicKey()).startsWith("UID2-X-L-");
        assertThat(kp.privateKey()).startsWith("UID2-Y-L-");

        PublicKey pub = CstgCrypto.parsePrefixedPublicKey(kp.publicKey());
        PrivateKey priv = KeyFactory.getInstance("EC").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(kp.privateKey().substring(9))));
        // the pair agrees with an ephemeral key from both sides, as a CSTG client and the operator do
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair client = g.generateKeyPair();
        assertThat(CstgCrypto.sharedSecret(client.getPrivate(), pub)).isEqualTo(CstgCrypto.sharedSecret(priv, client.getPublic()));
    }

    @Test
    void emptyContactAndNameForNull() {
        ClientSideKeypair kp = CstgKeypairs.create("abcDEF1234", 101, null, null, 0, random);
        assertThat(kp.contact()).isEmpty();
        assertThat(kp.name()).isEmpty();
    }

    @Test
    void subscriptionIdsAreTenLettersAndDigits() {
        for (int i = 0; i < 50; i++) assertThat(CstgKeypairs.randomSubscriptionId(random)).matches("[A-Za-z0-9]{10}");
    }
}

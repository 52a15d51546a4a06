package org.openuid.core.cstg;

import org.junit.jupiter.api.Test;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verified CSTG vectors of spec encryption.md §4.4. */
class CstgCryptoTest {
    static final String SERVER_PUBLIC = "UID2-X-L-MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEtXJdTSZAYHvoRDWiehMHoWF1BNPuqLs5w2ZHiAZ1IJc7O4/z0ojPTB0V+KYX/wxQK0hxx6kxCvHj335eI/ZQsQ==";
    static final String SERVER_PRIVATE = "UID2-Y-L-MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCC5kOSRVD+qhAZqf0L4LGbmAhdy5HpIptwXE72jxhwo6w==";
    static final String CLIENT_PRIVATE = "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCDsqxZicsGytVqN2HZqNDHtV422Lxio8m1vlflq4Jb47Q==";
    static final String CLIENT_PUBLIC = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE92+xlW2eIrXsDzV4cSfldDKxLXHsMmjLIqpdwOqJ29pWTNnZMaY2ycZHFpxbp6UlQ6vVSpKwImTKr3uikm9yCw==";
    static final String SHARED_SECRET = "uB89QzhyC2QSZVAlcQqElgYwepmegFl9bRRYQGZ+GYg=";
    static final String PLAINTEXT = "{\"email_hash\":\"tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=\"}";
    static final String PAYLOAD = "HZvExNKDbjM/UQkPD6vrqlL+lc1hgMpTMNbcabb6sB+sxdq2DFsIulbUZY/NvI9ypQ/rkWs3YVuk+HuhHiFNGmc8/TPhK6ffWGgPvS8=";
    static final String PAYLOAD_APP = "HZvExNKDbjM/UQkPD6vrqlL+lc1hgMpTMNbcabb6sB+sxdq2DFsIulbUZY/NvI9ypQ/rkWs3YVuk+HuhHvqPDakc62efH0ZPvT+WG1c=";
    static final long TIMESTAMP = 1735689600000L;

    private static byte[] b64(String s) { return Base64.getDecoder().decode(s); }

    @Test
    void sharedSecretFromBothSides() throws Exception {
        byte[] server = CstgCrypto.sharedSecret(CstgCrypto.parsePrivateKey(SERVER_PRIVATE), CstgCrypto.parsePublicKey(b64(CLIENT_PUBLIC)));
        PrivateKey clientPrivate = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(b64(CLIENT_PRIVATE)));
        byte[] client = CstgCrypto.sharedSecret(clientPrivate, CstgCrypto.parsePrefixedPublicKey(SERVER_PUBLIC));
        assertThat(Base64.getEncoder().encodeToString(server)).isEqualTo(SHARED_SECRET);
        assertThat(client).isEqualTo(server);
    }

    @Test
    void aadIsCompactJson() {
        assertThat(new String(CstgCrypto.aad(TIMESTAMP, null), StandardCharsets.UTF_8)).isEqualTo("[1735689600000]");
        assertThat(new String(CstgCrypto.aad(TIMESTAMP, "com.uid2.devapp"), StandardCharsets.UTF_8))
                .isEqualTo("[1735689600000,\"com.uid2.devapp\"]");
        assertThat(new String(CstgCrypto.aad(0, "a\"b\\c/é"), StandardCharsets.UTF_8)).isEqualTo("[0,\"a\\\"b\\\\c/é\"]");
    }

    @Test
    void requestVectorsEncryptAndDecrypt() throws Exception {
        byte[] secret = b64(SHARED_SECRET);
        byte[] plain = PLAINTEXT.getBytes(StandardCharsets.UTF_8);
        byte[] iv = b64("mZmZmZmZmZmZmZmZ");
        assertThat(iv).hasSize(12).containsOnly((byte) 0x99);
        for (String[] v : new String[][]{{null, PAYLOAD}, {"com.uid2.devapp", PAYLOAD_APP}}) {
            byte[] aad = CstgCrypto.aad(TIMESTAMP, v[0]);
            byte[] blob = Aes256Gcm.encrypt(secret, plain, 0, plain.length, aad, IvSource.constant((byte) 0x99));
            assertThat(Base64.getEncoder().encodeToString(Arrays.copyOfRange(blob, 12, blob.length))).isEqualTo(v[1]);
            assertThat(CstgCrypto.decryptPayload(secret, iv, b64(v[1]), aad)).isEqualTo(plain);
        }
    }

    @Test
    void wrongAadTimestampOrIvFailsAuthentication() {
        byte[] secret = b64(SHARED_SECRET);
        byte[] iv = b64("mZmZmZmZmZmZmZmZ");
        assertThatThrownBy(() -> CstgCrypto.decryptPayload(secret, iv, b64(PAYLOAD), CstgCrypto.aad(TIMESTAMP + 1, null)))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> CstgCrypto.decryptPayload(secret, iv, b64(PAYLOAD), CstgCrypto.aad(TIMESTAMP, "com.uid2.devapp")))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> CstgCrypto.decryptPayload(secret, new byte[12], b64(PAYLOAD), CstgCrypto.aad(TIMESTAMP, null)))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> CstgCrypto.decryptPayload(secret, new byte[11], b64(PAYLOAD), null))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> CstgCrypto.decryptPayload(secret, iv, new byte[3], null)).isInstanceOf(CryptoException.class);
    }

    @Test
    void optoutResponseVector() throws Exception {
        byte[] blob = CstgCrypto.encryptResponse(b64(SHARED_SECRET), "{\"status\":\"optout\"}".getBytes(StandardCharsets.UTF_8),
                IvSource.constant((byte) 0xAA));
        assertThat(Base64.getEncoder().encodeToString(blob)).isEqualTo("qqqqqqqqqqqqqqqqEhfgQU1mCoBn3Mys4fG1DkSMdAThufVoAPo1eNd45MyltGw=");
    }

    @Test
    void rejectsKeysThatAreNotP256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        PublicKey p384 = g.generateKeyPair().getPublic();
        assertThatThrownBy(() -> CstgCrypto.parsePublicKey(p384.getEncoded())).isInstanceOf(CryptoException.class);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        byte[] rsaKey = rsa.generateKeyPair().getPublic().getEncoded();
        assertThatThrownBy(() -> CstgCrypto.parsePublicKey(rsaKey)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> CstgCrypto.parsePublicKey(new byte[]{1, 2, 3})).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> CstgCrypto.parsePublicKey(new byte[0])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> CstgCrypto.parsePrivateKey("UID2-Y-L-")).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> CstgCrypto.parsePrivateKey("UID2-Y-L-%%%")).isInstanceOf(CryptoException.class);
    }

    @Test
    void pointOffTheCurveIsRefused() throws Exception {
        byte[] spki = b64(CLIENT_PUBLIC);
        spki[spki.length - 1] ^= 1; // y no longer matches x
        try {
            PublicKey bad = CstgCrypto.parsePublicKey(spki);
            assertThatThrownBy(() -> CstgCrypto.sharedSecret(CstgCrypto.parsePrivateKey(SERVER_PRIVATE), bad))
                    .isInstanceOf(CryptoException.class);
        } catch (CryptoException refusedEarlier) {
            // also fine: the key factory validated the point
        }
    }
}

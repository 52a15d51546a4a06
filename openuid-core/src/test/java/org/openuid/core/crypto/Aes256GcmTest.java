package org.openuid.core.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Aes256GcmTest {
    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void blobLayoutAndRoundTrip() throws Exception {
        byte[] plain = "hello world".getBytes(StandardCharsets.UTF_8);
        byte[] blob = Aes256Gcm.encrypt(KEY, plain, 0, plain.length, null, IvSource.constant((byte) 0x42));
        assertThat(blob).hasSize(plain.length + Aes256Gcm.OVERHEAD);
        assertThat(Arrays.copyOf(blob, 12)).containsOnly((byte) 0x42);
        assertThat(Aes256Gcm.decrypt(KEY, blob, 0, blob.length, null)).isEqualTo(plain);
        assertThat(Aes256Gcm.decrypt(KEY, blob, 0, blob.length)).isEqualTo(plain);
    }

    @Test
    void sameKeyAndConstantIvTwiceGivesSameBlob() {
        byte[] plain = new byte[40];
        byte[] a = Aes256Gcm.encrypt(KEY, plain, 0, plain.length, null, IvSource.constant((byte) 1));
        byte[] b = Aes256Gcm.encrypt(KEY, plain, 0, plain.length, null, IvSource.constant((byte) 1));
        byte[] c = Aes256Gcm.encrypt(KEY, plain, 0, plain.length, null, IvSource.constant((byte) 1));
        assertThat(a).isEqualTo(b).isEqualTo(c);
    }

    @Test
    void encryptIntoOffsetsAndAad() throws Exception {
        byte[] plain = "0123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[3 + 6 + Aes256Gcm.OVERHEAD + 2];
        byte[] aad = "[1735689600000]".getBytes(StandardCharsets.US_ASCII);
        int n = Aes256Gcm.encryptInto(KEY, plain, 2, 6, aad, IvSource.secure(), out, 3);
        assertThat(n).isEqualTo(6 + Aes256Gcm.OVERHEAD);
        assertThat(Aes256Gcm.decrypt(KEY, out, 3, n, aad)).isEqualTo("234567".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Aes256Gcm.decrypt(KEY, out, 3, n, null)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Aes256Gcm.decrypt(KEY, out, 3, n, "[1]".getBytes())).isInstanceOf(CryptoException.class);
    }

    @Test
    void tamperingAndWrongKeyAreDetected() {
        byte[] plain = new byte[33];
        byte[] blob = Aes256Gcm.encrypt(KEY, plain, 0, plain.length, null, IvSource.secure());
        for (int i = 0; i < blob.length; i++) {
            byte[] bad = blob.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> Aes256Gcm.decrypt(KEY, bad, 0, bad.length, null)).isInstanceOf(CryptoException.class);
        }
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> Aes256Gcm.decrypt(otherKey, blob, 0, blob.length, null)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Aes256Gcm.decrypt(KEY, blob, 0, 27, null)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Aes256Gcm.decrypt(KEY, blob, 5, blob.length, null)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Aes256Gcm.decrypt(new byte[16], blob, 0, blob.length, null)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Aes256Gcm.decrypt(null, blob, 0, blob.length, null)).isInstanceOf(CryptoException.class);
    }

    @Test
    void emptyPlaintext() throws Exception {
        byte[] blob = Aes256Gcm.encrypt(KEY, new byte[0], 0, 0, null, IvSource.secure());
        assertThat(blob).hasSize(28);
        assertThat(Aes256Gcm.decrypt(KEY, blob, 0, blob.length, null)).isEmpty();
    }

    @Test
    void encryptRejectsBadKey() {
        assertThatThrownBy(() -> Aes256Gcm.encrypt(new byte[31], new byte[1], 0, 1, null, IvSource.secure()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomRoundTrips() throws Exception {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            byte[] plain = new byte[random.nextInt(300)];
            random.nextBytes(plain);
            byte[] blob = Aes256Gcm.encrypt(key, plain, 0, plain.length, null, IvSource.secure());
            assertThat(Aes256Gcm.decrypt(key, blob, 0, blob.length, null)).isEqualTo(plain);
        }
    }
}

package org.openuid.core.crypto;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Aes256CbcTest {
    private static final byte[] KEY = new byte[32];

    @Test
    void nistStyleVectorFirstBlock() {
        // AES-256 of a zero block under the zero key: dc95c078a2408989ad48a21492842087; with a zero IV
        // the CBC output of a zero block is the same.
        byte[] blob = Aes256Cbc.encrypt(KEY, new byte[16], IvSource.constant((byte) 0));
        assertThat(blob).hasSize(16 + 32);
        assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(blob, 16, 32))).isEqualTo("dc95c078a2408989ad48a21492842087");
    }

    @Test
    void roundTripsAllLengths() throws Exception {
        Random random = new Random(3);
        for (int len = 0; len < 70; len++) {
            byte[] plain = new byte[len];
            random.nextBytes(plain);
            byte[] blob = Aes256Cbc.encrypt(KEY, plain, IvSource.secure());
            assertThat(blob).hasSize(Aes256Cbc.blobLength(len));
            byte[] framed = new byte[blob.length + 4];
            System.arraycopy(blob, 0, framed, 2, blob.length);
            assertThat(Aes256Cbc.decrypt(KEY, framed, 2, blob.length)).isEqualTo(plain);
        }
    }

    @Test
    void rejectsBadInput() {
        byte[] blob = Aes256Cbc.encrypt(KEY, new byte[5], IvSource.secure());
        assertThatThrownBy(() -> Aes256Cbc.decrypt(KEY, blob, 0, 16)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Aes256Cbc.decrypt(KEY, blob, 0, 31)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Aes256Cbc.decrypt(KEY, blob, 1, 32)).isInstanceOf(CryptoException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        // wrong key: padding check fails (or, rarely, yields garbage); it must never throw anything else
        try {
            Aes256Cbc.decrypt(other, blob, 0, blob.length);
        } catch (CryptoException expected) {
            // fine
        }
        assertThatThrownBy(() -> Aes256Cbc.decrypt(new byte[16], blob, 0, blob.length)).isInstanceOf(CryptoException.class);
    }
}

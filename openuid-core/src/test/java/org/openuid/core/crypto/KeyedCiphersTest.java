package org.openuid.core.crypto;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedCiphersTest {
    private static Cipher gcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] key(Random random) {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return k;
    }

    @Test
    void aKeyGetsItsOwnCipherFromItsSecondUse() {
        KeyedCiphers c = new KeyedCiphers(KeyedCiphersTest::gcm);
        byte[] key = key(new Random(1));
        KeyedCiphers.Entry first = c.forKey(key);
        assertThat(c.size()).isZero();
        KeyedCiphers.Entry second = c.forKey(key.clone());
        assertThat(second).isNotSameAs(first);
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.forKey(key)).isSameAs(second);
        assertThat(second.keySpec().getEncoded()).isEqualTo(key);
    }

    @Test
    void singleUseKeysDoNotEvictCachedKeys() {
        KeyedCiphers c = new KeyedCiphers(KeyedCiphersTest::gcm);
        Random random = new Random(2);
        byte[] operatorKey = key(random);
        c.forKey(operatorKey);
        KeyedCiphers.Entry cached = c.forKey(operatorKey);
        for (int i = 0; i < 10 * KeyedCiphers.CAPACITY; i++) {
            KeyedCiphers.Entry oneOff = c.forKey(key(random));
            assertThat(oneOff).isNotSameAs(cached);
        }
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.forKey(operatorKey)).isSameAs(cached);
    }

    @Test
    void theLeastRecentlyUsedKeyIsEvictedWhenFull() {
        KeyedCiphers c = new KeyedCiphers(KeyedCiphersTest::gcm);
        Random random = new Random(3);
        byte[][] keys = new byte[KeyedCiphers.CAPACITY + 1][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(random);
            c.forKey(keys[i]);
            c.forKey(keys[i]);
        }
        assertThat(c.size()).isEqualTo(KeyedCiphers.CAPACITY);
        KeyedCiphers.Entry newest = c.forKey(keys[keys.length - 1]);
        assertThat(newest.keySpec().getEncoded()).isEqualTo(keys[keys.length - 1]);
        // keys[0] was evicted: its next use is a first use again
        KeyedCiphers.Entry again = c.forKey(keys[0]);
        assertThat(again.keySpec().getEncoded()).isEqualTo(keys[0]);
        assertThat(c.forKey(keys[0])).isNotSameAs(again);
    }

    @Test
    void interleavedKeysRoundTripThroughAes256Gcm() throws Exception {
        Random random = new Random(4);
        byte[][] keys = new byte[KeyedCiphers.CAPACITY + 8][];
        for (int i = 0; i < keys.length; i++) keys[i] = key(random);
        for (int round = 0; round < 2000; round++) {
            byte[] k = keys[random.nextInt(keys.length)];
            byte[] other = keys[random.nextInt(keys.length)];
            byte[] plain = new byte[random.nextInt(200)];
            random.nextBytes(plain);
            byte[] blob = Aes256Gcm.encrypt(k, plain, 0, plain.length, null, IvSource.secure());
            assertThat(Aes256Gcm.decrypt(k, blob, 0, blob.length)).isEqualTo(plain);
            if (other != k) {
                byte[] wrong = other;
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> Aes256Gcm.decrypt(wrong, blob, 0, blob.length))
                        .isInstanceOf(CryptoException.class);
            }
        }
    }
}

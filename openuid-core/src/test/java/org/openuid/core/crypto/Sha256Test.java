package org.openuid.core.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void knownVector() {
        assertThat(HexFormat.of().formatHex(Sha256.hash("abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(ABC);
        assertThat(HexFormat.of().formatHex(Sha256.hash(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void partsAreConcatenated() {
        assertThat(HexFormat.of().formatHex(Sha256.hash("a".getBytes(), "".getBytes(), "bc".getBytes()))).isEqualTo(ABC);
        assertThat(HexFormat.of().formatHex(Sha256.hash("xabcx".getBytes(), 1, 3))).isEqualTo(ABC);
    }

    @Test
    void threadDigestIsResetEachTime() {
        MessageDigest md = Sha256.digest();
        md.update("garbage".getBytes());
        MessageDigest again = Sha256.digest();
        again.update("abc".getBytes());
        assertThat(HexFormat.of().formatHex(again.digest())).isEqualTo(ABC);
        assertThat(HexFormat.of().formatHex(Sha256.hash("abc".getBytes()))).isEqualTo(ABC);
    }

    @Test
    void threadSafe() throws Exception {
        Thread[] threads = new Thread[4];
        boolean[] ok = new boolean[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                boolean good = true;
                for (int i = 0; i < 2000; i++) {
                    good &= HexFormat.of().formatHex(Sha256.hash("a".getBytes(), "bc".getBytes())).equals(ABC);
                }
                ok[id] = good;
            });
            threads[t].start();
        }
        for (Thread thread : threads) thread.join();
        assertThat(ok).containsOnly(true);
    }
}

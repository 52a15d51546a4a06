package org.openuid.core.crypto;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class IvSourceTest {

    @Test
    void secureFillsOnlyTheRequestedRange() {
        IvSource s = IvSource.secure();
        assertThat(IvSource.secure()).isSameAs(s);
        byte[] buf = new byte[40];
        s.fill(buf, 10, 12);
        assertThat(Arrays.copyOfRange(buf, 0, 10)).containsOnly(0);
        assertThat(Arrays.copyOfRange(buf, 22, 40)).containsOnly(0);
        byte[] big = new byte[200];
        s.fill(big, 1, 150);
        assertThat(big[0]).isZero();
        assertThat(Arrays.copyOfRange(big, 151, 200)).containsOnly(0);
    }

    @Test
    void secureValuesDiffer() {
        IvSource s = IvSource.secure();
        assertThat(s.next(32)).isNotEqualTo(s.next(32)).hasSize(32);
        byte[] a = new byte[12];
        byte[] b = new byte[12];
        s.fill(a, 0, 12);
        s.fill(b, 0, 12);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void secureValuesAreNeverRepeatedAcrossBufferRefills() {
        IvSource s = IvSource.secure();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 5 * SecureIvSource.BUFFER; i++) {
            assertThat(seen.add(java.util.HexFormat.of().formatHex(s.next(12)))).isTrue();
        }
        byte[] large = s.next(4 * SecureIvSource.BUFFER);
        assertThat(Arrays.copyOfRange(large, 0, 32)).isNotEqualTo(Arrays.copyOfRange(large, large.length - 32, large.length));
    }

    @Test
    void secureSourcesOfDifferentThreadsDiffer() throws Exception {
        byte[][] out = new byte[2][];
        Thread a = new Thread(() -> out[0] = IvSource.secure().next(32));
        Thread b = new Thread(() -> out[1] = IvSource.secure().next(32));
        a.start();
        b.start();
        a.join();
        b.join();
        assertThat(out[0]).isNotEqualTo(out[1]);
    }

    @Test
    void constant() {
        assertThat(IvSource.constant((byte) 0x11).next(3)).containsExactly(0x11, 0x11, 0x11);
    }
}

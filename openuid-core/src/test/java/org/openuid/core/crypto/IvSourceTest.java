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
    void constant() {
        assertThat(IvSource.constant((byte) 0x11).next(3)).containsExactly(0x11, 0x11, 0x11);
    }
}

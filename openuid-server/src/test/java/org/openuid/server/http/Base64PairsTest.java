package org.openuid.server.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Base64PairsTest {
    @Test
    void matchesTheJdkEncoderOnEveryLengthUpTo5000() {
        Random random = new Random(7);
        for (int n = 0; n <= 5000; n++) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            assertThat(Base64Pairs.encode(b, 0, n)).as("length %d", n).isEqualTo(Base64.getEncoder().encode(b));
        }
    }

    @Test
    void matchesTheJdkEncoderOnRandomSlicesWrittenAtAnOffset() {
        Random random = new Random(11);
        for (int round = 0; round < 2000; round++) {
            byte[] src = new byte[random.nextInt(6000)];
            random.nextBytes(src);
            int from = random.nextInt(src.length + 1);
            int to = from + random.nextInt(src.length - from + 1);
            byte[] expected = Base64.getEncoder().encode(Arrays.copyOfRange(src, from, to));
            int at = random.nextInt(40);
            byte[] dst = new byte[at + expected.length + random.nextInt(3)];
            Arrays.fill(dst, (byte) '#');
            int end = Base64Pairs.encode(src, from, to, dst, at);
            assertThat(end).isEqualTo(at + expected.length);
            assertThat(Arrays.copyOfRange(dst, at, end)).isEqualTo(expected);
            // nothing written outside the range
            for (int i = 0; i < at; i++) assertThat(dst[i]).isEqualTo((byte) '#');
            for (int i = end; i < dst.length; i++) assertThat(dst[i]).isEqualTo((byte) '#');
        }
    }

    @Test
    void everyByteValueInEveryPositionOfABlock() {
        for (int v = 0; v < 256; v++) {
            for (int len = 1; len <= 14; len++) {
                for (int p = 0; p < len; p++) {
                    byte[] b = new byte[len];
                    Arrays.fill(b, (byte) (255 - v));
                    b[p] = (byte) v;
                    assertThat(Base64Pairs.encode(b, 0, len)).isEqualTo(Base64.getEncoder().encode(b));
                }
            }
        }
    }

    @Test
    void encodesTextAsTheRfcVectors() {
        String[][] vectors = {{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="},
                {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
        for (String[] v : vectors) {
            byte[] in = v[0].getBytes(StandardCharsets.US_ASCII);
            assertThat(new String(Base64Pairs.encode(in, 0, in.length), StandardCharsets.US_ASCII)).isEqualTo(v[1]);
        }
    }

    @Test
    void lengthsIncludePadding() {
        assertThat(Base64Pairs.encodedLength(0)).isZero();
        assertThat(Base64Pairs.encodedLength(1)).isEqualTo(4);
        assertThat(Base64Pairs.encodedLength(3)).isEqualTo(4);
        assertThat(Base64Pairs.encodedLength(4)).isEqualTo(8);
        assertThatThrownBy(() -> Base64Pairs.encodedLength(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesRangesOutsideTheArrays() {
        byte[] src = new byte[10];
        assertThatThrownBy(() -> Base64Pairs.encode(src, 5, 11)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Base64Pairs.encode(src, 6, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Base64Pairs.encode(src, 0, 10, new byte[15], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Base64Pairs.encode(src, 0, 10, new byte[16], 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}

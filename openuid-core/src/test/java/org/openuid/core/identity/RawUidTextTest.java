package org.openuid.core.identity;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class RawUidTextTest {
    @Test
    void acceptsTheCanonicalBase64OfA32Or33ByteRawUid() {
        byte[] raw32 = new byte[32];
        Arrays.fill(raw32, (byte) 7);
        byte[] raw33 = new byte[33];
        raw33[0] = 0x30;
        assertThat(RawUidText.parse(Base64.getEncoder().encodeToString(raw32))).isEqualTo(raw32);
        assertThat(RawUidText.parse(Base64.getEncoder().encodeToString(raw33))).isEqualTo(raw33);
    }

    @Test
    void refusesOtherLengthsUnpaddedUrlSafeAndNonCanonicalText() {
        assertThat(RawUidText.parse(null)).isNull();
        assertThat(RawUidText.parse(Base64.getEncoder().encodeToString(new byte[31]))).isNull();
        assertThat(RawUidText.parse(Base64.getEncoder().withoutPadding().encodeToString(new byte[32]))).isNull();
        byte[] high = new byte[32];
        Arrays.fill(high, (byte) 0xFB);
        assertThat(RawUidText.parse(Base64.getUrlEncoder().encodeToString(high))).isNull();
        // 32 bytes end in one padding character; the last data character carries 2 unused bits that must be zero
        String canonical = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(RawUidText.parse(canonical.substring(0, 42) + "B=")).isNull();
        assertThat(RawUidText.parse("%".repeat(44))).isNull();
    }
}

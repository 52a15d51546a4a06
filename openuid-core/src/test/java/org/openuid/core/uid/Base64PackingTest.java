package org.openuid.core.uid;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Base64PackingTest {

    @Test
    void packsExactlyTheCanonicalForms() {
        Random random = new Random(12);
        for (int i = 0; i < 1000; i++) {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            String text = Base64.getEncoder().encodeToString(raw);
            byte[] packed = new byte[40];
            assertThat(Base64Packing.decode("xx" + text, 2, packed, 3)).isTrue();
            assertThat(java.util.Arrays.copyOfRange(packed, 3, 35)).isEqualTo(raw);
            byte[] out = new byte[44];
            Base64Packing.encode(packed, 3, out);
            assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo(text);
        }
    }

    @Test
    void rejectsNonCanonicalText() {
        byte[] out = new byte[32];
        assertThat(Base64Packing.decode("vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnss=", 0, out, 0)).isTrue();
        assertThat(Base64Packing.decode("vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnsS=", 0, out, 0)).isFalse();
        assertThat(Base64Packing.decode("vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnssA", 0, out, 0)).isFalse();
        assertThat(Base64Packing.decode("vgv1BwiNRCW7F3VcNXHlZh-7oHJ4G4gCshbGcVOLnss=", 0, out, 0)).isFalse();
        assertThat(Base64Packing.decode("vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOL==s=", 0, out, 0)).isFalse();
        assertThat(Base64Packing.decode("vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnsé=", 0, out, 0)).isFalse();
    }
}

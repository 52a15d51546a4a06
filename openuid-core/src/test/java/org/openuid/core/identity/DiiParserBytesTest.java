package org.openuid.core.identity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DiiParser#parse(DiiKind, byte[], int, int)} reads ASCII bytes exactly as the string form reads their text. */
class DiiParserBytesTest {
    private static final String CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ .@%~\u007f";

    private static void assertSame(DiiKind kind, String text) {
        byte[] padded = ("xx" + text + "yy").getBytes(StandardCharsets.ISO_8859_1);
        UserIdentity fromBytes = DiiParser.parse(kind, padded, 2, 2 + text.length());
        UserIdentity fromText = DiiParser.parse(kind, text);
        if (fromText == null) {
            assertThat(fromBytes).as(kind + " " + text).isNull();
        } else {
            assertThat(fromBytes).as(kind + " " + text).isNotNull();
            assertThat(fromBytes.type()).isEqualTo(fromText.type());
            assertThat(fromBytes.identityHash()).as(kind + " " + text).isEqualTo(fromText.identityHash());
        }
    }

    @Test
    void hashesDecodeAsFromText() {
        Random random = new Random(11);
        byte[] raw = new byte[33];
        for (int i = 0; i < 50_000; i++) {
            random.nextBytes(raw);
            String b64 = Base64.getEncoder().encodeToString(raw).substring(0, 44);
            char[] c = b64.toCharArray();
            // disturb a few characters, with padding and characters outside the alphabet most likely at the end
            int changes = random.nextInt(4);
            for (int j = 0; j < changes; j++) {
                int at = random.nextInt(8) == 0 ? random.nextInt(44) : 40 + random.nextInt(4);
                c[at] = CHARS.charAt(random.nextInt(CHARS.length()));
            }
            String s = new String(c);
            assertSame(DiiKind.EMAIL_HASH, s);
            assertSame(DiiKind.PHONE_HASH, s.substring(0, 43));
        }
        String hex = "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514";
        for (String s : new String[]{hex, hex.toUpperCase(), hex.substring(1) + "g", hex.substring(1) + "=", "", "=", "==",
                "A".repeat(42) + "==", "A".repeat(43) + "=", "A".repeat(44), "A".repeat(42) + "=A", "A".repeat(41) + "===",
                "A".repeat(40) + "=AAA", "A".repeat(40) + "A=A=", "AB==" + "A".repeat(40)}) {
            assertSame(DiiKind.EMAIL_HASH, s);
            assertSame(DiiKind.PHONE_HASH, s);
        }
    }

    @Test
    void rawIdentitiesParseAsFromText() {
        for (String s : new String[]{"a@b.com", " A.B+c@Gmail.com ", "", "x", "+12345678901", "12345678901", "+1 234"}) {
            assertSame(DiiKind.EMAIL, s);
            assertSame(DiiKind.PHONE, s);
        }
    }

    @Test
    void canonicalBase64HashesAreExactlyTheEncodersText() {
        Random random = new Random(11);
        for (int n = 0; n < 2000; n++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            String text = Base64.getEncoder().encodeToString(hash);
            byte[] b = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
            assertThat(DiiParser.isCanonicalBase64Hash(b, 1, 45)).isTrue();
            // one character changed: canonical only if it is still exactly what the encoder writes for what it decodes to
            int i = random.nextInt(44);
            char c = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=!-_".charAt(random.nextInt(68));
            byte[] m = text.getBytes(StandardCharsets.US_ASCII);
            m[i] = (byte) c;
            boolean canonical;
            try {
                byte[] decoded = Base64.getDecoder().decode(m);
                canonical = decoded.length == 32 && Base64.getEncoder().encodeToString(decoded)
                        .equals(new String(m, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                canonical = false;
            }
            assertThat(DiiParser.isCanonicalBase64Hash(m, 0, 44)).as(new String(m)).isEqualTo(canonical);
        }
        byte[] unpadded = "A".repeat(44).getBytes(StandardCharsets.US_ASCII);
        assertThat(DiiParser.isCanonicalBase64Hash(unpadded, 0, 44)).isFalse();
        assertThat(DiiParser.isCanonicalBase64Hash(unpadded, 0, 43)).isFalse();
    }
}

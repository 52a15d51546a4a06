package org.openuid.core.token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.model.KeysetKey;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openuid.core.token.TestKeys.ALL;
import static org.openuid.core.token.TestKeys.MASTER;
import static org.openuid.core.token.TestKeys.NOW;
import static org.openuid.core.token.TestKeys.SITE;
import static org.openuid.core.token.TestKeys.sequence;

/** tokens.md §4, §8. */
class AdvertisingTokenCodecTest {
    static final byte[] RAW_V4 = Base64.getDecoder().decode("oCALIk9Go8jllKhaHfSacXMIAz+c8DzvcFs4HM+OVjCa");
    static final byte[] RAW_V2 = Base64.getDecoder().decode("yCevINTMQ+BMfihNbXjrDLbm/FF+JvBan5YqmToByik=");

    static final String V4 = "A4AAAABlIiIiIiIiIiIiIiIi5V_4NKUeHljX_keKwcyEiOo7aYOxKrsb-Vgw5M391CE8gy0FOWXCVBxEm9YUAVfQHZdflYSqQaS9bMAgEvRwAZjFqqvHKyr4ZiFOFARBA_Xx77dqAYduFYPbPvTuKgJu7tKNG-6q5hpqvE8s0-v_O4DG_m5P1SShv6Vt4fAPvN9_ohBQzgCdQJFwyaOVoE7w6eg";
    static final String V3 = "A3AAAABlIiIiIiIiIiIiIiIi5V/4NKUeHljX/keKwcyEiOo7aYOxKrsb+Vgw5M391CE8gy0FOWXCVBxEm9YUAVfQHZdflYSqQaS9bMAgEvRwAZjFqqvHKyr4ZiFOFARBA/Xx77dqAYduFYPbPvTuKgJu7tKNG+6q5hpqvE8s0+v/O4DG/m5P1SShv6Vt4fAPvN9/ohBQzgCdQJFwyaOVoE7w6eg=";
    static final String V2 = "AgAAAGUiIiIiIiIiIiIiIiIiIiIiNNXT/TR9/KMGjgbl4jNdeF1HIrRMv30CLIgjCj8pKI8wRkIIWQEkYJkeOROxLwEVQePaouxcAHOtG09i4QPFEyh2GDK9CVOEt/F8xRJe6HxjVlWdeb/wcFjJmMz+WUIS7XZXgXReIIpkE+oPPxdRlQ==";

    static AdvertisingToken token(int version, byte[] rawUid) {
        return new AdvertisingToken(version, IdentityScope.UID2, IdentityType.EMAIL, 101, 104, NOW + 3_600_000L, NOW,
                123, 1, NOW, NOW, rawUid);
    }

    private static void assertSameContent(AdvertisingToken actual, AdvertisingToken expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void v4VerifiedVector() {
        String encoded = AdvertisingTokenCodec.encode(token(4, RAW_V4), MASTER, SITE, sequence(0x11, 0x22));
        assertThat(encoded).hasSize(219).isEqualTo(V4);
    }

    @Test
    void v3VerifiedVector() {
        String encoded = AdvertisingTokenCodec.encode(token(3, RAW_V4), MASTER, SITE, sequence(0x11, 0x22));
        assertThat(encoded).hasSize(220).isEqualTo(V3);
    }

    @Test
    void v2VerifiedVector() {
        String encoded = AdvertisingTokenCodec.encode(token(2, RAW_V2), MASTER, SITE, sequence(0x11, 0x22));
        assertThat(encoded).hasSize(180).isEqualTo(V2);
    }

    @Test
    void v4LayoutDetail() throws CryptoException {
        byte[] bytes = Base64.getUrlDecoder().decode(V4);
        assertThat(bytes).hasSize(164);
        assertThat(HexFormat.of().formatHex(bytes, 0, 6)).isEqualTo("038000000065");
        byte[] master = Aes256Gcm.decrypt(MASTER.secret(), bytes, 6, bytes.length - 6, null);
        assertThat(master).hasSize(130);
        assertThat(HexFormat.of().formatHex(master, 0, 33)).isEqualTo(
                "000001941f606a80" + "000001941f297c00" + "00000000" + "01" + "00000000" + "00000000" + "00000068");
        byte[] site = Aes256Gcm.decrypt(SITE.secret(), master, 33, master.length - 33, null);
        assertThat(HexFormat.of().formatHex(site)).isEqualTo("0000007b" + "0000000000000000" + "00000000" + "00000001"
                + "000001941f297c00" + "000001941f297c00" + HexFormat.of().formatHex(RAW_V4));
        assertThat(HexFormat.of().formatHex(site, 36, 40)).isEqualTo("a0200b22");
    }

    @Test
    void decodesVerifiedVectors() throws TokenException {
        assertSameContent(AdvertisingTokenCodec.decode(V4, ALL), token(4, RAW_V4));
        assertSameContent(AdvertisingTokenCodec.decode(V3, ALL), token(3, RAW_V4));
        AdvertisingToken v2 = AdvertisingTokenCodec.decode(V2, ALL);
        assertSameContent(v2, new AdvertisingToken(2, IdentityScope.UID2, IdentityType.EMAIL, 101, 104, NOW + 3_600_000L,
                0L, 123, 1, NOW, 0L, RAW_V2));
    }

    @Test
    void v4AcceptsEitherAlphabetAndPadding() throws TokenException {
        String standard = V4.replace('-', '+').replace('_', '/');
        assertSameContent(AdvertisingTokenCodec.decode(standard, ALL), token(4, RAW_V4));
        assertSameContent(AdvertisingTokenCodec.decode(V4 + "=", ALL), token(4, RAW_V4));
    }

    @Test
    void phoneAndEuidRoundTrip() throws TokenException {
        byte[] euidPhone = RAW_V4.clone();
        euidPhone[0] = (byte) 0xB4; // prod, v4, EUID, phone
        AdvertisingToken t = new AdvertisingToken(4, IdentityScope.EUID, IdentityType.PHONE, 101, 104, 5, 4, 9, 3, 2, 1, euidPhone);
        String s = AdvertisingTokenCodec.encode(t, MASTER, SITE, IvSource.secure());
        assertThat(s).startsWith("F4");
        assertSameContent(AdvertisingTokenCodec.decode(s, ALL), t);
        AdvertisingToken t3 = new AdvertisingToken(3, IdentityScope.UID2, IdentityType.PHONE, 101, 104, 5, 4, 9, 3, 2, 1,
                new byte[]{0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        String s3 = AdvertisingTokenCodec.encode(t3, MASTER, SITE, IvSource.secure());
        assertThat(s3).startsWith("B3");
        assertSameContent(AdvertisingTokenCodec.decode(s3, ALL), t3);
    }

    @Test
    void thirtyTwoByteRawUidIsUid2Email() throws TokenException {
        String ok = AdvertisingTokenCodec.encode(token(4, RAW_V2), MASTER, SITE, IvSource.secure());
        assertThat(ok).hasSize(218);
        assertThat(AdvertisingTokenCodec.decode(ok, ALL).rawUid()).isEqualTo(RAW_V2);
        AdvertisingToken euid = new AdvertisingToken(4, IdentityScope.EUID, IdentityType.EMAIL, 101, 104, 1, 1, 1, 1, 1, 1, RAW_V2);
        String bad = AdvertisingTokenCodec.encode(euid, MASTER, SITE, IvSource.secure());
        assertThatThrownBy(() -> AdvertisingTokenCodec.decode(bad, ALL)).isInstanceOf(TokenException.class)
                .hasMessage("Identity scope mismatch");
    }

    @Test
    void scopeAndTypeMismatchAreRejected() {
        AdvertisingToken euidHeader = new AdvertisingToken(4, IdentityScope.EUID, IdentityType.EMAIL, 101, 104, 1, 1, 1, 1, 1, 1, RAW_V4);
        String s = AdvertisingTokenCodec.encode(euidHeader, MASTER, SITE, IvSource.secure());
        assertThatThrownBy(() -> AdvertisingTokenCodec.decode(s, ALL)).hasMessage("Identity scope mismatch");
        AdvertisingToken phoneHeader = new AdvertisingToken(3, IdentityScope.UID2, IdentityType.PHONE, 101, 104, 1, 1, 1, 1, 1, 1, RAW_V4);
        String p = AdvertisingTokenCodec.encode(phoneHeader, MASTER, SITE, IvSource.secure());
        assertThatThrownBy(() -> AdvertisingTokenCodec.decode(p, ALL)).hasMessage("Identity type mismatch");
    }

    @Test
    void unknownKeys() {
        KeyLookup masterOnly = Map.of(101, MASTER)::get;
        KeyLookup siteOnly = Map.of(104, SITE)::get;
        for (String t : new String[]{V4, V3, V2}) {
            assertThatThrownBy(() -> AdvertisingTokenCodec.decode(t, masterOnly)).isInstanceOf(TokenException.class);
            assertThatThrownBy(() -> AdvertisingTokenCodec.decode(t, siteOnly)).isInstanceOf(TokenException.class);
            assertThatThrownBy(() -> AdvertisingTokenCodec.decode(t, id -> null)).isInstanceOf(TokenException.class);
        }
        KeysetKey wrongSecret = TestKeys.key(101, -1, "c2yMYeezHfDvZ6haknCFaj0t+eAEJp/C/uh+fUAm1fo=");
        KeyLookup wrong = Map.of(101, wrongSecret, 104, SITE)::get;
        for (String t : new String[]{V4, V3, V2}) {
            assertThatThrownBy(() -> AdvertisingTokenCodec.decode(t, wrong)).isInstanceOf(TokenException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "A4A", "A4AA", "AgAA", "A3AAAABl", "????????", "A5AAAABlIiIiIiIiIiIiIiIi", "AAAAAAAA",
            "A4AAAABlIiIiIiIiIiIiIiIi5V_4NKUeHljX_keKwcyEiOo7aYOxKrsb-Vgw5M391CE8gy0FOWXCVBxEm9YUAVfQHZdflYSq",
            "A4==", "A=AA", "AA=="})
    void malformedTokensAreTokenExceptions(String token) {
        assertThatThrownBy(() -> AdvertisingTokenCodec.decode(token, ALL)).isInstanceOf(TokenException.class);
    }

    @Test
    void nullTokenIsTokenException() {
        assertThatThrownBy(() -> AdvertisingTokenCodec.decode(null, ALL)).isInstanceOf(TokenException.class);
    }

    @Test
    void truncatedAndGarbledTokens() {
        for (String t : new String[]{V4, V3, V2}) {
            for (int len = 0; len < t.length() - 2; len += 3) {
                String cut = t.substring(0, len);
                assertThatThrownBy(() -> AdvertisingTokenCodec.decode(cut, ALL)).as(cut).isInstanceOf(TokenException.class);
            }
            // v3/v4: everything after the (unauthenticated) identity byte is covered by GCM tags
            boolean authenticated = t != V2;
            for (int i = authenticated ? 2 : 0; i < t.length() - 3; i += 5) {
                char[] c = t.toCharArray();
                c[i] = c[i] == 'Q' ? 'R' : 'Q';
                String garbled = new String(c);
                if (authenticated) {
                    assertThatThrownBy(() -> AdvertisingTokenCodec.decode(garbled, ALL)).as(garbled).isInstanceOf(TokenException.class);
                } else {
                    // CBC is malleable (a changed IV byte alters the first plaintext block), so a garbled v2 token
                    // may still decode; it must never fail with anything but TokenException
                    try {
                        AdvertisingTokenCodec.decode(garbled, ALL);
                    } catch (TokenException expected) {
                        // fine
                    }
                }
            }
            assertThatThrownBy(() -> AdvertisingTokenCodec.decode(t + "AAAA", ALL)).isInstanceOf(TokenException.class);
            assertThatThrownBy(() -> AdvertisingTokenCodec.decode(t.substring(0, 40) + "*" + t.substring(41), ALL))
                    .isInstanceOf(TokenException.class);
        }
    }

    @Test
    void randomInputsOnlyEverThrowTokenException() {
        Random random = new Random(5);
        byte[] base = Base64.getUrlDecoder().decode(V4);
        for (int i = 0; i < 2000; i++) {
            byte[] b = random.nextInt(3) == 0 ? new byte[random.nextInt(200)] : base.clone();
            if (b.length > 0) {
                for (int k = 0; k <= random.nextInt(4); k++) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean() && b.length > 1) b[1] = (byte) (random.nextBoolean() ? 112 : 128);
            if (random.nextInt(4) == 0 && b.length > 0) b[0] = 2;
            String s = random.nextBoolean() ? Base64.getEncoder().encodeToString(b) : Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            try {
                AdvertisingTokenCodec.decode(s, ALL);
            } catch (TokenException expected) {
                // fine
            }
        }
    }

    @Test
    void randomRoundTrips() throws TokenException {
        Random random = new Random(9);
        for (int i = 0; i < 200; i++) {
            int version = 2 + random.nextInt(3);
            IdentityScope scope = version == 2 ? IdentityScope.UID2 : IdentityScope.values()[random.nextInt(2)];
            IdentityType type = version == 2 ? IdentityType.EMAIL : IdentityType.values()[random.nextInt(2)];
            byte[] raw = new byte[version == 2 || random.nextBoolean() ? 32 : 33];
            random.nextBytes(raw);
            if (raw.length == 33) {
                raw[0] = (byte) ((raw[0] & 0xE3) | (scope.value << 4) | (type.value << 2));
            } else {
                scope = IdentityScope.UID2;
                type = IdentityType.EMAIL;
            }
            long created = version == 2 ? 0 : random.nextLong();
            AdvertisingToken t = new AdvertisingToken(version, scope, type, 101, 104, random.nextLong(), created,
                    random.nextInt(), random.nextInt(), random.nextLong(), version == 2 ? 0 : random.nextLong(), raw);
            String s = AdvertisingTokenCodec.encode(t, MASTER, SITE, IvSource.secure());
            assertSameContent(AdvertisingTokenCodec.decode(s, ALL), t);
        }
    }

    @Test
    void encodeChecksKeyIdsAndVersion() {
        assertThatThrownBy(() -> AdvertisingTokenCodec.encode(token(4, RAW_V4), SITE, MASTER, IvSource.secure()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdvertisingTokenCodec.encode(token(5, RAW_V4), MASTER, SITE, IvSource.secure()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

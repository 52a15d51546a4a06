package org.openuid.core.token;

import org.junit.jupiter.api.Test;
import org.openuid.core.crypto.Aes256Cbc;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openuid.core.token.TestKeys.ALL;
import static org.openuid.core.token.TestKeys.NOW;
import static org.openuid.core.token.TestKeys.REFRESH;

/** tokens.md §5, §8. */
class RefreshTokenCodecTest {
    static final byte[] FL_USER = HexFormat.of().parseHex("b0db9cbaea9149ebf1100960e2676113e54577e77f5ce6fa37f918039412ff31");
    static final String V3 = "A3AAAABmMzMzMzMzMzMzMzMz2NOVIbY0O5QTcZeM9yoa1H/Y96//Cn4j/G/bGMJMmkCzTJTGOQtHCGxogOCOz0JOxRPjzisnollgczgZY44M/O2muZOx6r0IS56LfklSA8qY1HZUcjOAoMgGNpQc8CFn4z3b+wToYltP3w==";

    static RefreshToken token() {
        return new RefreshToken(3, IdentityScope.UID2, IdentityType.EMAIL, NOW + 86_400_000L, NOW, 123, 1, NOW, FL_USER);
    }

    private static void assertSameContent(RefreshToken actual, RefreshToken expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void v3VerifiedVector() {
        String s = RefreshTokenCodec.encodeV3(token(), REFRESH, IvSource.constant((byte) 0x33));
        assertThat(s).hasSize(168).isEqualTo(V3);
    }

    @Test
    void v3PayloadLayout() throws CryptoException {
        byte[] b = Base64.getDecoder().decode(V3);
        assertThat(b).hasSize(124);
        assertThat(HexFormat.of().formatHex(b, 0, 6)).isEqualTo("037000000066");
        byte[] p = Aes256Gcm.decrypt(REFRESH.secret(), b, 6, b.length - 6, null);
        assertThat(HexFormat.of().formatHex(p)).isEqualTo("00000194244fd800" + "000001941f297c00" + "00000000" + "01"
                + "00000000" + "00000000" + "0000007b" + "0000000000000000" + "00000000" + "00000001" + "000001941f297c00"
                + "03" + HexFormat.of().formatHex(FL_USER));
    }

    @Test
    void decodesV3Vector() throws TokenException {
        assertSameContent(RefreshTokenCodec.decode(V3, ALL), token());
    }

    @Test
    void v3RoundTripsForAllScopesAndTypes() throws TokenException {
        Random random = new Random(2);
        for (IdentityScope scope : IdentityScope.values()) {
            for (IdentityType type : IdentityType.values()) {
                byte[] fl = new byte[32];
                random.nextBytes(fl);
                RefreshToken t = new RefreshToken(3, scope, type, random.nextLong(), random.nextLong(), random.nextInt(),
                        random.nextInt(), random.nextLong(), fl);
                String s = RefreshTokenCodec.encodeV3(t, REFRESH, IvSource.secure());
                assertThat(s).hasSize(168);
                assertSameContent(RefreshTokenCodec.decode(s, ALL), t);
            }
        }
    }

    @Test
    void v3LengthMustBeExactly124() {
        byte[] b = Base64.getDecoder().decode(V3);
        for (int len : new int[]{2, 6, 61, 100, 123}) {
            String s = Base64.getEncoder().encodeToString(Arrays.copyOf(b, len));
            assertThatThrownBy(() -> RefreshTokenCodec.decode(s, ALL)).isInstanceOf(TokenException.class);
        }
        String longer = Base64.getEncoder().encodeToString(Arrays.copyOf(b, 125));
        assertThatThrownBy(() -> RefreshTokenCodec.decode(longer, ALL)).isInstanceOf(TokenException.class);
    }

    @Test
    void v3Errors() {
        assertThatThrownBy(() -> RefreshTokenCodec.decode(V3, id -> null)).isInstanceOf(TokenException.class);
        byte[] b = Base64.getDecoder().decode(V3);
        b[60] ^= 1;
        assertThatThrownBy(() -> RefreshTokenCodec.decode(Base64.getEncoder().encodeToString(b), ALL)).isInstanceOf(TokenException.class);
        byte[] euidHeader = Base64.getDecoder().decode(V3);
        euidHeader[0] = 0x13;
        assertThatThrownBy(() -> RefreshTokenCodec.decode(Base64.getEncoder().encodeToString(euidHeader), ALL))
                .isInstanceOf(TokenException.class).hasMessage("Identity scope mismatch");
        byte[] phoneHeader = Base64.getDecoder().decode(V3);
        phoneHeader[0] = 0x07;
        assertThatThrownBy(() -> RefreshTokenCodec.decode(Base64.getEncoder().encodeToString(phoneHeader), ALL))
                .isInstanceOf(TokenException.class).hasMessage("Identity type mismatch");
        for (String s : new String[]{"", "A", "!!!!", V3.replace('/', '_'), V3.substring(1), "AAAA", "A3A="}) {
            assertThatThrownBy(() -> RefreshTokenCodec.decode(s, ALL)).as(s).isInstanceOf(TokenException.class);
        }
        assertThatThrownBy(() -> RefreshTokenCodec.decode(null, ALL)).isInstanceOf(TokenException.class);
    }

    static String v2Token(byte[] flh, int keyId, long created, long validTill) {
        byte[] text = Base64.getEncoder().encode(flh);
        ByteBuffer plain = ByteBuffer.allocate(4 + 4 + text.length + 4 + 8);
        plain.putInt(123).putInt(text.length).put(text).putInt(1).putLong(NOW);
        byte[] blob = Aes256Cbc.encrypt(REFRESH.secret(), plain.array(), IvSource.secure());
        ByteBuffer b = ByteBuffer.allocate(29 + blob.length);
        b.put((byte) 2).putLong(created).putLong(validTill - 60_000).putLong(validTill).putInt(keyId).put(blob);
        return Base64.getEncoder().encodeToString(b.array());
    }

    @Test
    void decodesV2() throws TokenException {
        String s = v2Token(FL_USER, 102, NOW, NOW + 86_460_000L);
        RefreshToken t = RefreshTokenCodec.decode(s, ALL);
        assertSameContent(t, new RefreshToken(2, IdentityScope.UID2, IdentityType.EMAIL, NOW + 86_460_000L, NOW, 123, 1, NOW, FL_USER));
    }

    @Test
    void v2Errors() {
        String s = v2Token(FL_USER, 102, NOW, NOW);
        byte[] b = Base64.getDecoder().decode(s);
        for (int len : new int[]{1, 29, 45, 60}) {
            String cut = Base64.getEncoder().encodeToString(Arrays.copyOf(b, len));
            assertThatThrownBy(() -> RefreshTokenCodec.decode(cut, ALL)).isInstanceOf(TokenException.class);
        }
        String cut61 = Base64.getEncoder().encodeToString(Arrays.copyOf(b, 61));
        assertThatThrownBy(() -> RefreshTokenCodec.decode(cut61, ALL)).isInstanceOf(TokenException.class);
        assertThatThrownBy(() -> RefreshTokenCodec.decode(v2Token(FL_USER, 999, NOW, NOW), ALL)).isInstanceOf(TokenException.class);
        assertThatThrownBy(() -> RefreshTokenCodec.decode(s, Map.of(102, TestKeys.MASTER)::get)).isInstanceOf(TokenException.class);
        assertThatThrownBy(() -> RefreshTokenCodec.decode(v2Token(new byte[31], 102, NOW, NOW), ALL)).isInstanceOf(TokenException.class);
        byte[] bad = b.clone();
        bad[0] = 5;
        assertThatThrownBy(() -> RefreshTokenCodec.decode(Base64.getEncoder().encodeToString(bad), ALL)).isInstanceOf(TokenException.class);
    }

    @Test
    void randomInputsOnlyEverThrowTokenException() {
        Random random = new Random(8);
        byte[] base = Base64.getDecoder().decode(V3);
        byte[] baseV2 = Base64.getDecoder().decode(v2Token(FL_USER, 102, NOW, NOW));
        for (int i = 0; i < 2000; i++) {
            byte[] b = switch (random.nextInt(3)) {
                case 0 -> new byte[random.nextInt(200)];
                case 1 -> base.clone();
                default -> baseV2.clone();
            };
            if (b.length > 0) {
                for (int k = 0; k <= random.nextInt(3); k++) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(3) == 0 && b.length > 1) b[1] = 112;
            try {
                RefreshTokenCodec.decode(Base64.getEncoder().encodeToString(b), ALL);
            } catch (TokenException expected) {
                // fine
            }
        }
        assertThat("x".getBytes(StandardCharsets.UTF_8)).hasSize(1);
    }

    @Test
    void encodeRejectsBadFirstLevelHash() {
        RefreshToken t = new RefreshToken(3, IdentityScope.UID2, IdentityType.EMAIL, 1, 1, 1, 1, 1, new byte[33]);
        assertThatThrownBy(() -> RefreshTokenCodec.encodeV3(t, REFRESH, IvSource.secure())).isInstanceOf(IllegalArgumentException.class);
    }
}

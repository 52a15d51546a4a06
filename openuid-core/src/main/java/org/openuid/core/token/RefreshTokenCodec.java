package org.openuid.core.token;

import org.openuid.core.bytes.BigEndian;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.model.KeysetKey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * v3 refresh tokens (encode/decode, 168 chars) and legacy v2 refresh tokens (decode only); spec tokens.md §5.
 *
 * <p>A v3 token must decode to exactly 124 bytes, a v2 token to at least 61; anything else, an unknown key id, a
 * failed decryption or inconsistent identity bits is a {@link TokenException}.
 */
public final class RefreshTokenCodec {
    public static final int V3_LENGTH = 124;
    public static final int V3_PAYLOAD_LENGTH = 90;
    public static final int V2_MIN_LENGTH = 61;

    private static final int V3_HEADER = 6;
    private static final int FIRST_LEVEL_HASH_LENGTH = 32;
    private static final int V2_HEADER = 29;
    private static final int V2_VALID_TILL = 17;
    private static final int V2_KEY_ID = 25;
    private static final int V2_PLAIN_FIXED = 4 + 4 + 4 + 8;

    private RefreshTokenCodec() {}

    public static String encodeV3(RefreshToken token, KeysetKey refreshKey, IvSource ivs) {
        byte[] flh = token.firstLevelHash();
        if (flh == null || flh.length != FIRST_LEVEL_HASH_LENGTH) {
            throw new IllegalArgumentException("first-level hash must be 32 bytes");
        }
        byte identity = TokenHeader.identityByte(token.scope(), token.type());
        byte[] payload = new byte[V3_PAYLOAD_LENGTH];
        int o = BigEndian.putLong(payload, 0, token.expiresAt());
        o = BigEndian.putLong(payload, o, token.createdAt());
        o = BigEndian.putInt(payload, o, 0);
        payload[o++] = AdvertisingTokenCodec.OPERATOR_TYPE_SERVICE;
        o = BigEndian.putInt(payload, o, 0);
        o = BigEndian.putInt(payload, o, 0);
        o = BigEndian.putInt(payload, o, token.siteId());
        o = BigEndian.putLong(payload, o, 0L);
        o = BigEndian.putInt(payload, o, 0);
        o = BigEndian.putInt(payload, o, token.privacyBits());
        o = BigEndian.putLong(payload, o, token.establishedAt());
        payload[o++] = identity;
        System.arraycopy(flh, 0, payload, o, FIRST_LEVEL_HASH_LENGTH);

        byte[] out = new byte[V3_LENGTH];
        out[0] = identity;
        out[1] = (byte) TokenHeader.V3;
        BigEndian.putInt(out, 2, refreshKey.id());
        Aes256Gcm.encryptInto(refreshKey.secret(), payload, 0, payload.length, null, ivs, out, V3_HEADER);
        return Base64.getEncoder().encodeToString(out);
    }

    public static RefreshToken decode(String token, KeyLookup keys) throws TokenException {
        if (token == null) {
            throw new TokenException("missing refresh token");
        }
        byte[] b = AdvertisingTokenCodec.decodeStandard(token);
        if (b.length >= 2 && (b[1] & 0xFF) == TokenHeader.V3) {
            return decodeV3(b, keys);
        }
        if (b.length >= 1 && (b[0] & 0xFF) == TokenHeader.V2_FIRST_BYTE) {
            return decodeV2(b, keys);
        }
        throw new TokenException("refresh token version not supported");
    }

    private static RefreshToken decodeV3(byte[] b, KeyLookup keys) throws TokenException {
        if (b.length != V3_LENGTH) {
            throw new TokenException("invalid refresh token length");
        }
        int byte0 = b[0] & 0xFF;
        IdentityScope scope = TokenHeader.scope(byte0);
        IdentityType type = TokenHeader.type(byte0);
        byte[] p = AdvertisingTokenCodec.decrypt(keys, BigEndian.getInt(b, 2), b, V3_HEADER, b.length - V3_HEADER);
        if (p.length != V3_PAYLOAD_LENGTH) {
            throw new TokenException("invalid refresh payload length");
        }
        int identity = p[57] & 0xFF;
        if (TokenHeader.scope(identity) != scope) {
            throw new TokenException("Identity scope mismatch");
        }
        if (((identity >>> 2) & 0b11) != type.value) {
            throw new TokenException("Identity type mismatch");
        }
        return new RefreshToken(3, scope, type, BigEndian.getLong(p, 0), BigEndian.getLong(p, 8), BigEndian.getInt(p, 29),
                BigEndian.getInt(p, 45), BigEndian.getLong(p, 49), Arrays.copyOfRange(p, 58, 90));
    }

    private static RefreshToken decodeV2(byte[] b, KeyLookup keys) throws TokenException {
        if (b.length < V2_MIN_LENGTH) {
            throw new TokenException("invalid refresh token length");
        }
        long createdAt = BigEndian.getLong(b, 1);
        long validTill = BigEndian.getLong(b, V2_VALID_TILL);
        int keyId = BigEndian.getInt(b, V2_KEY_ID);
        byte[] plain = AdvertisingTokenCodec.decryptCbc(keys, keyId, b, V2_HEADER, b.length - V2_HEADER);
        if (plain.length < V2_PLAIN_FIXED) {
            throw new TokenException("refresh payload too short");
        }
        int siteId = BigEndian.getInt(plain, 0);
        int length = BigEndian.getInt(plain, 4);
        if (length < 0 || length != plain.length - V2_PLAIN_FIXED) {
            throw new TokenException("invalid first-level hash length");
        }
        byte[] flh;
        try {
            flh = Base64.getDecoder().decode(new String(plain, 8, length, StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new TokenException("invalid first-level hash");
        }
        if (flh.length != FIRST_LEVEL_HASH_LENGTH) {
            throw new TokenException("invalid first-level hash length");
        }
        int privacyBits = BigEndian.getInt(plain, 8 + length);
        long establishedAt = BigEndian.getLong(plain, 12 + length);
        return new RefreshToken(2, IdentityScope.UID2, IdentityType.EMAIL, validTill, createdAt, siteId, privacyBits,
                establishedAt, flh);
    }
}

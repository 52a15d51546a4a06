package org.openuid.core.token;

import org.openuid.core.bytes.BigEndian;
import org.openuid.core.crypto.Aes256Cbc;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.model.KeysetKey;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Encodes v4 (and v3/v2 for tests) and decodes v2/v3/v4 advertising tokens (spec tokens.md §4).
 *
 * <p>Any malformed token (bad text, wrong length, unknown key id, failed authentication, inconsistent identity
 * bits) is reported as a {@link TokenException}.
 */
public final class AdvertisingTokenCodec {
    static final int SITE_HEADER = 36;
    static final int MASTER_HEADER = 33;
    static final int TOKEN_HEADER = 6;
    static final byte OPERATOR_TYPE_SERVICE = 1;

    private static final int V2_HEADER = 5;
    private static final int V2_MASTER_HEADER = 12;
    private static final int V2_IDENTITY_FIXED = 4 + 4 + 4 + 8;

    private AdvertisingTokenCodec() {}

    /** Encodes per {@code token.version()} (2, 3 or 4); key ids in the token must match the given keys. */
    public static String encode(AdvertisingToken token, KeysetKey masterKey, KeysetKey siteKey, IvSource ivs) {
        if (token.masterKeyId() != masterKey.id() || token.siteKeyId() != siteKey.id()) {
            throw new IllegalArgumentException("key ids of the token do not match the given keys");
        }
        return switch (token.version()) {
            case 4 -> Base64.getUrlEncoder().withoutPadding().encodeToString(encodeV3V4(token, masterKey, siteKey, ivs, TokenHeader.V4));
            case 3 -> Base64.getEncoder().encodeToString(encodeV3V4(token, masterKey, siteKey, ivs, TokenHeader.V3));
            case 2 -> Base64.getEncoder().encodeToString(encodeV2(token, masterKey, siteKey, ivs));
            default -> throw new IllegalArgumentException("unsupported advertising token version " + token.version());
        };
    }

    /** Decodes with the decoding rules of tokens.md §4.5 (including the operator's scope/type consistency check). */
    public static AdvertisingToken decode(String token, KeyLookup keys) throws TokenException {
        if (token == null || token.length() < 4) {
            throw new TokenException("token too short");
        }
        byte[] header = decodeHeader(token);
        if ((header[0] & 0xFF) == TokenHeader.V2_FIRST_BYTE) {
            return decodeV2(decodeStandard(token), keys);
        }
        int version = header[1] & 0xFF;
        if (version == TokenHeader.V3) {
            return decodeV3V4(decodeStandard(token), keys, 3);
        }
        if (version == TokenHeader.V4) {
            return decodeV3V4(decodeStandard(token.replace('-', '+').replace('_', '/')), keys, 4);
        }
        throw new TokenException("token version not supported");
    }

    private static byte[] encodeV3V4(AdvertisingToken t, KeysetKey masterKey, KeysetKey siteKey, IvSource ivs, int versionByte) {
        byte[] rawUid = t.rawUid();
        byte[] site = new byte[SITE_HEADER + rawUid.length];
        int o = BigEndian.putInt(site, 0, t.siteId());
        o = BigEndian.putLong(site, o, 0L);
        o = BigEndian.putInt(site, o, 0);
        o = BigEndian.putInt(site, o, t.privacyBits());
        o = BigEndian.putLong(site, o, t.establishedAt());
        o = BigEndian.putLong(site, o, t.refreshedAt());
        System.arraycopy(rawUid, 0, site, o, rawUid.length);

        byte[] master = new byte[MASTER_HEADER + site.length + Aes256Gcm.OVERHEAD];
        o = BigEndian.putLong(master, 0, t.expiresAt());
        o = BigEndian.putLong(master, o, t.createdAt());
        o = BigEndian.putInt(master, o, 0);
        master[o++] = OPERATOR_TYPE_SERVICE;
        o = BigEndian.putInt(master, o, 0);
        o = BigEndian.putInt(master, o, 0);
        o = BigEndian.putInt(master, o, siteKey.id());
        Aes256Gcm.encryptInto(siteKey.secret(), site, 0, site.length, null, ivs, master, o);

        byte[] out = new byte[TOKEN_HEADER + master.length + Aes256Gcm.OVERHEAD];
        out[0] = TokenHeader.identityByte(t.scope(), t.type());
        out[1] = (byte) versionByte;
        BigEndian.putInt(out, 2, masterKey.id());
        Aes256Gcm.encryptInto(masterKey.secret(), master, 0, master.length, null, ivs, out, TOKEN_HEADER);
        return out;
    }

    private static byte[] encodeV2(AdvertisingToken t, KeysetKey masterKey, KeysetKey siteKey, IvSource ivs) {
        byte[] uidText = Base64.getEncoder().encode(t.rawUid());
        byte[] identity = new byte[V2_IDENTITY_FIXED + uidText.length];
        int o = BigEndian.putInt(identity, 0, t.siteId());
        o = BigEndian.putInt(identity, o, uidText.length);
        System.arraycopy(uidText, 0, identity, o, uidText.length);
        o += uidText.length;
        o = BigEndian.putInt(identity, o, t.privacyBits());
        BigEndian.putLong(identity, o, t.establishedAt());
        byte[] identityBlob = Aes256Cbc.encrypt(siteKey.secret(), identity, ivs);

        byte[] master = new byte[V2_MASTER_HEADER + identityBlob.length];
        o = BigEndian.putLong(master, 0, t.expiresAt());
        o = BigEndian.putInt(master, o, siteKey.id());
        System.arraycopy(identityBlob, 0, master, o, identityBlob.length);
        byte[] masterBlob = Aes256Cbc.encrypt(masterKey.secret(), master, ivs);

        byte[] out = new byte[V2_HEADER + masterBlob.length];
        out[0] = TokenHeader.V2_FIRST_BYTE;
        BigEndian.putInt(out, 1, masterKey.id());
        System.arraycopy(masterBlob, 0, out, V2_HEADER, masterBlob.length);
        return out;
    }

    private static AdvertisingToken decodeV3V4(byte[] b, KeyLookup keys, int version) throws TokenException {
        if (b.length < TOKEN_HEADER + Aes256Gcm.OVERHEAD + MASTER_HEADER + Aes256Gcm.OVERHEAD + SITE_HEADER + 32) {
            throw new TokenException("token too short");
        }
        int byte0 = b[0] & 0xFF;
        IdentityScope scope = TokenHeader.scope(byte0);
        IdentityType type = TokenHeader.type(byte0);
        int masterKeyId = BigEndian.getInt(b, 2);
        byte[] master = decrypt(keys, masterKeyId, b, TOKEN_HEADER, b.length - TOKEN_HEADER);
        if (master.length < MASTER_HEADER + Aes256Gcm.OVERHEAD + SITE_HEADER + 32) {
            throw new TokenException("master payload too short");
        }
        long expiresAt = BigEndian.getLong(master, 0);
        long createdAt = BigEndian.getLong(master, 8);
        int siteKeyId = BigEndian.getInt(master, 29);
        byte[] site = decrypt(keys, siteKeyId, master, MASTER_HEADER, master.length - MASTER_HEADER);
        int uidLength = site.length - SITE_HEADER;
        if (uidLength != 32 && uidLength != 33) {
            throw new TokenException("invalid raw UID length");
        }
        int siteId = BigEndian.getInt(site, 0);
        int privacyBits = BigEndian.getInt(site, 16);
        long establishedAt = BigEndian.getLong(site, 20);
        long refreshedAt = BigEndian.getLong(site, 28);
        byte[] rawUid = java.util.Arrays.copyOfRange(site, SITE_HEADER, site.length);
        checkRawUidIdentity(rawUid, scope, type);
        return new AdvertisingToken(version, scope, type, masterKeyId, siteKeyId, expiresAt, createdAt, siteId,
                privacyBits, establishedAt, refreshedAt, rawUid);
    }

    /** tokens.md §4.5 step 6: a 33-byte raw UID carries scope/type bits that must match the header; 32 bytes = UID2/Email. */
    private static void checkRawUidIdentity(byte[] rawUid, IdentityScope scope, IdentityType type) throws TokenException {
        IdentityScope uidScope = IdentityScope.UID2;
        int uidType = IdentityType.EMAIL.value;
        if (rawUid.length == 33) {
            uidScope = IdentityScope.fromValue((rawUid[0] >>> 4) & 1);
            uidType = (rawUid[0] >>> 2) & 0b11;
        }
        if (uidScope != scope) {
            throw new TokenException("Identity scope mismatch");
        }
        if (uidType != type.value) {
            throw new TokenException("Identity type mismatch");
        }
    }

    private static AdvertisingToken decodeV2(byte[] b, KeyLookup keys) throws TokenException {
        if (b.length < V2_HEADER + Aes256Cbc.IV_LENGTH + Aes256Cbc.BLOCK) {
            throw new TokenException("token too short");
        }
        int masterKeyId = BigEndian.getInt(b, 1);
        byte[] master = decryptCbc(keys, masterKeyId, b, V2_HEADER, b.length - V2_HEADER);
        if (master.length < V2_MASTER_HEADER + Aes256Cbc.IV_LENGTH + Aes256Cbc.BLOCK) {
            throw new TokenException("master payload too short");
        }
        long expiresAt = BigEndian.getLong(master, 0);
        int siteKeyId = BigEndian.getInt(master, 8);
        byte[] identity = decryptCbc(keys, siteKeyId, master, V2_MASTER_HEADER, master.length - V2_MASTER_HEADER);
        if (identity.length < V2_IDENTITY_FIXED) {
            throw new TokenException("identity payload too short");
        }
        int siteId = BigEndian.getInt(identity, 0);
        int length = BigEndian.getInt(identity, 4);
        if (length < 0 || length != identity.length - V2_IDENTITY_FIXED) {
            throw new TokenException("invalid raw UID length");
        }
        byte[] rawUid;
        try {
            rawUid = Base64.getDecoder().decode(new String(identity, 8, length, StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new TokenException("invalid raw UID");
        }
        int privacyBits = BigEndian.getInt(identity, 8 + length);
        long establishedAt = BigEndian.getLong(identity, 12 + length);
        return new AdvertisingToken(2, IdentityScope.UID2, IdentityType.EMAIL, masterKeyId, siteKeyId, expiresAt, 0L,
                siteId, privacyBits, establishedAt, 0L, rawUid);
    }

    private static byte[] decodeHeader(String token) throws TokenException {
        String first = token.substring(0, 4);
        try {
            boolean url = first.indexOf('-') >= 0 || first.indexOf('_') >= 0;
            byte[] header = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(first);
            if (header.length == 3) {
                return header;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new TokenException("invalid token encoding");
    }

    static byte[] decodeStandard(String text) throws TokenException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new TokenException("invalid token encoding");
        }
    }

    static byte[] decrypt(KeyLookup keys, int keyId, byte[] blob, int off, int len) throws TokenException {
        KeysetKey key = keys.byId(keyId);
        if (key == null) {
            throw new TokenException("unknown key id " + keyId);
        }
        try {
            return Aes256Gcm.decrypt(key.secret(), blob, off, len, null);
        } catch (CryptoException e) {
            throw new TokenException("token decryption failed");
        }
    }

    static byte[] decryptCbc(KeyLookup keys, int keyId, byte[] blob, int off, int len) throws TokenException {
        KeysetKey key = keys.byId(keyId);
        if (key == null) {
            throw new TokenException("unknown key id " + keyId);
        }
        try {
            return Aes256Cbc.decrypt(key.secret(), blob, off, len);
        } catch (CryptoException e) {
            throw new TokenException("token decryption failed");
        }
    }
}

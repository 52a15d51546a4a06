package org.openuid.server.manage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.Site;
import org.openuid.core.service.Snapshot;
import org.openuid.core.token.AdvertisingToken;
import org.openuid.core.token.AdvertisingTokenCodec;
import org.openuid.core.token.RefreshToken;
import org.openuid.core.token.RefreshTokenCodec;
import org.openuid.core.token.RefreshWrapper;
import org.openuid.core.token.TokenException;
import org.openuid.server.state.OptOutIndex;

import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * Decodes an advertising token (v2/v3/v4, spec tokens.md §4) or a refresh token (the 388-character wrapper of
 * encryption.md §3 or a bare v3/v2 token, tokens.md §5) with the operator's own keys and describes it: version,
 * scope, identity type, site, key ids, times, privacy bits and whether the identity is opted out. The raw UID (or,
 * for refresh tokens, the first-level hash) is included only when asked for. The refresh response key inside a
 * wrapper is never shown.
 */
public final class TokenInspector {
    /** Which kind of token to expect. */
    public enum Kind { AUTO, ADVERTISING, REFRESH }

    public static final int MAX_TOKEN_LENGTH = 4096;

    private TokenInspector() {}

    public static Kind parseKind(String s) {
        if (s == null || s.isBlank()) return Kind.AUTO;
        try {
            return Kind.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("type must be auto, advertising or refresh, got '" + s + "'");
        }
    }

    /** @throws IllegalArgumentException when the token cannot be decoded with these keys (the message says why) */
    public static ObjectNode inspect(String token, Kind kind, boolean reveal, Snapshot keys, OptOutIndex optOuts, long nowMs) {
        String t = token == null ? "" : token.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("token is required");
        if (t.length() > MAX_TOKEN_LENGTH) throw new IllegalArgumentException("token is too long to be a token");
        try {
            switch (kind) {
                case ADVERTISING:
                    return advertising(t, reveal, keys, optOuts, nowMs);
                case REFRESH:
                    return refresh(t, reveal, keys, optOuts, nowMs);
                default:
                    if (t.length() == RefreshWrapper.WRAPPED_LENGTH) return refresh(t, reveal, keys, optOuts, nowMs);
                    try {
                        return advertising(t, reveal, keys, optOuts, nowMs);
                    } catch (TokenException asAdvertising) {
                        try {
                            return refresh(t, reveal, keys, optOuts, nowMs);
                        } catch (TokenException asRefresh) {
                            throw new IllegalArgumentException("not a token that this operator's keys decode (as an advertising token: "
                                    + asAdvertising.getMessage() + "; as a refresh token: " + asRefresh.getMessage() + ")");
                        }
                    }
            }
        } catch (TokenException e) {
            throw new IllegalArgumentException("cannot decode the " + kind.name().toLowerCase(Locale.ROOT) + " token: " + e.getMessage());
        }
    }

    private static ObjectNode advertising(String t, boolean reveal, Snapshot keys, OptOutIndex optOuts, long nowMs)
            throws TokenException {
        AdvertisingToken a = AdvertisingTokenCodec.decode(t, keys);
        ObjectNode n = Jackson.object();
        n.put("kind", "advertising");
        n.put("version", a.version());
        n.put("scope", a.scope().name());
        n.put("identity_type", a.type().name());
        site(n, a.siteId(), keys);
        key(n, "master_key", a.masterKeyId(), keys);
        key(n, "site_key", a.siteKeyId(), keys);
        time(n, "created", a.version() == 2 ? null : a.createdAt());
        time(n, "refreshed", a.version() == 2 ? null : a.refreshedAt());
        time(n, "expires", a.expiresAt());
        time(n, "established", a.establishedAt());
        n.put("expired", a.expiresAt() < nowMs);
        privacy(n, a.privacyBits());
        long since = optOuts == null ? -1 : optOuts.optedOutSinceByRawUid(a.rawUid());
        optedOut(n, since);
        n.put("revealed", reveal);
        if (reveal) n.put("raw_uid", Base64.getEncoder().encodeToString(a.rawUid()));
        return n;
    }

    private static ObjectNode refresh(String t, boolean reveal, Snapshot keys, OptOutIndex optOuts, long nowMs)
            throws TokenException {
        boolean wrapped = t.length() == RefreshWrapper.WRAPPED_LENGTH;
        String inner = t;
        Integer wrapperKeyId = null;
        if (wrapped) {
            inner = RefreshWrapper.unwrap(t, keys).innerToken();
            wrapperKeyId = intAt(Base64.getDecoder().decode(t), 1);
        }
        RefreshToken r = RefreshTokenCodec.decode(inner, keys);
        byte[] innerBytes = Base64.getDecoder().decode(inner);
        int refreshKeyId = r.version() == 2 ? intAt(innerBytes, 25) : intAt(innerBytes, 2);
        ObjectNode n = Jackson.object();
        n.put("kind", "refresh");
        n.put("wrapped", wrapped);
        n.put("version", r.version());
        n.put("scope", r.scope().name());
        n.put("identity_type", r.type().name());
        site(n, r.siteId(), keys);
        if (wrapperKeyId != null) key(n, "wrapper_key", wrapperKeyId, keys);
        key(n, "refresh_key", refreshKeyId, keys);
        time(n, "created", r.createdAt());
        time(n, "expires", r.expiresAt());
        time(n, "established", r.establishedAt());
        n.put("expired", r.expiresAt() < nowMs);
        privacy(n, r.privacyBits());
        long since = optOuts == null ? -1 : optOuts.optedOutSince(r.firstLevelHash());
        optedOut(n, since);
        n.put("revealed", reveal);
        if (reveal) n.put("first_level_hash", Base64.getEncoder().encodeToString(r.firstLevelHash()));
        return n;
    }

    private static void site(ObjectNode n, int siteId, Snapshot keys) {
        n.put("site_id", siteId);
        Site s = keys.site(siteId);
        if (s == null) n.putNull("site_name");
        else n.put("site_name", s.name());
    }

    private static void key(ObjectNode n, String prefix, int keyId, Snapshot keys) {
        n.put(prefix + "_id", keyId);
        KeysetKey k = keys.byId(keyId);
        if (k == null) n.putNull(prefix + "_keyset_id");
        else n.put(prefix + "_keyset_id", k.keysetId());
    }

    private static void time(ObjectNode n, String name, Long ms) {
        if (ms == null) {
            n.putNull(name);
            n.putNull(name + "_ms");
            return;
        }
        n.put(name, Instant.ofEpochMilli(ms).toString());
        n.put(name + "_ms", ms);
    }

    private static void privacy(ObjectNode n, int bits) {
        ObjectNode p = n.putObject("privacy_bits");
        p.put("value", bits);
        p.put("legacy", (bits & 1) != 0);
        p.put("client_side_generated", (bits & 2) != 0);
        p.put("optout_placeholder", (bits & 4) != 0);
        n.put("client_side_generated", (bits & 2) != 0);
    }

    private static void optedOut(ObjectNode n, long sinceSec) {
        n.put("opted_out", sinceSec >= 0);
        if (sinceSec >= 0) n.put("opted_out_since", Instant.ofEpochSecond(sinceSec).toString());
        else n.putNull("opted_out_since");
    }

    private static int intAt(byte[] b, int offset) {
        if (b.length < offset + 4) return -1;
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16) | ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
    }
}

package org.openuid.core.service;

import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.identity.UserIdentity;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.token.AdvertisingToken;
import org.openuid.core.token.AdvertisingTokenCodec;
import org.openuid.core.token.RefreshToken;
import org.openuid.core.token.RefreshTokenCodec;
import org.openuid.core.token.RefreshWrapper;
import org.openuid.core.token.TokenException;
import org.openuid.core.uid.BucketIndex;
import org.openuid.core.uid.RawUidDeriver;
import org.openuid.core.uid.SaltTable;

import java.util.Arrays;
import java.util.Base64;

/**
 * The publisher decisions: generate, refresh and validate tokens over one snapshot (spec tokens.md §4.4, §5.3,
 * endpoints.md §3, §5, §6). Pure: time, randomness, opt-outs and the snapshot are passed in.
 */
public final class TokenService {
    /** Tokens established before 2021-03-08T17:00:00Z are treated as opted out. */
    public static final long ESTABLISHED_CUTOFF_MS = 1615222800000L;
    public static final int PRIVACY_BITS_SERVER = 1;
    public static final int PRIVACY_BITS_CLIENT_SIDE = 3;

    private final IdentityScope scope;
    private final boolean identityV3;
    private final IvSource random;

    public TokenService(IdentityScope scope, boolean identityV3, IvSource random) {
        this.scope = scope;
        this.identityV3 = identityV3;
        this.random = random;
    }

    public IdentityScope scope() { return scope; }

    /** First-level hash of an identity under this snapshot's first-level salt. */
    public static byte[] firstLevelHash(Snapshot s, UserIdentity identity) {
        return s.firstLevelHasher().firstLevelHash(identity.identityHash());
    }

    /** Current raw UID of a first-level hash. */
    public byte[] rawUid(Snapshot s, byte[] flh, IdentityType type) {
        SaltTable t = s.salts();
        return deriver(s).current(flh, type, t, BucketIndex.of(flh, t.size()));
    }

    public RawUidDeriver deriver(Snapshot s) {
        return new RawUidDeriver(scope, s.runtime().identityEnvironment(), identityV3);
    }

    /** Opt-out decision for generate and identity map: test identities first, then any record. */
    public static boolean isOptedOut(Snapshot s, OptOutLookup optOuts, byte[] flh) {
        TestIdentities ti = s.testIdentities();
        if (ti.isNeverOptedOut(flh)) return false;
        if (ti.isAlwaysOptedOut(flh)) return true;
        if (ti.isRefreshOptOut(flh)) return false;
        return optOuts.optedOutSince(flh) >= 0;
    }

    public GenerateOutcome generate(Snapshot s, OptOutLookup optOuts, UserIdentity identity, int siteId,
                                    int privacyBits, long nowMs) {
        byte[] flh = firstLevelHash(s, identity);
        if (isOptedOut(s, optOuts, flh)) return GenerateOutcome.OPTED_OUT;
        return issue(s, flh, identity.type(), siteId, privacyBits, nowMs, nowMs);
    }

    /** Issues a fresh token pair for a first-level hash (shared by generate, refresh and client-generate). */
    public GenerateOutcome issue(Snapshot s, byte[] flh, IdentityType type, int siteId, int privacyBits,
                                 long establishedMs, long nowMs) {
        return issue(s, flh, type, siteId, privacyBits, establishedMs, nowMs, true);
    }

    /**
     * Issues a fresh token pair. With {@code wrap} false the refresh token is the bare 168-character v3 token
     * and there is no response key (the deprecated v1 API's format).
     */
    public GenerateOutcome issue(Snapshot s, byte[] flh, IdentityType type, int siteId, int privacyBits,
                                 long establishedMs, long nowMs, boolean wrap) {
        long nowSec = nowMs / 1000;
        KeysetKey master = s.masterKey(nowSec);
        KeysetKey siteKey = s.siteKey(siteId, nowSec);
        KeysetKey refreshKey = s.refreshKey(nowSec);
        if (master == null || siteKey == null || refreshKey == null) return GenerateOutcome.NO_ACTIVE_KEY;
        RuntimeConfig rc = s.runtime();
        long identityExpires = nowMs + rc.identityTokenExpiresAfterSeconds() * 1000;
        long refreshExpires = nowMs + rc.refreshTokenExpiresAfterSeconds() * 1000;
        long refreshFrom = nowMs + rc.refreshIdentityTokenAfterSeconds() * 1000;
        byte[] rawUid = rawUid(s, flh, type);
        AdvertisingToken at = new AdvertisingToken(AdvertisingToken.ISSUED_VERSION, scope, type, master.id(), siteKey.id(), identityExpires, nowMs,
                siteId, privacyBits, establishedMs, nowMs, rawUid);
        String advertisingToken = AdvertisingTokenCodec.encode(at, master, siteKey, random);
        RefreshToken rt = new RefreshToken(RefreshToken.ISSUED_VERSION, scope, type, refreshExpires, nowMs, siteId, privacyBits,
                establishedMs, flh);
        String inner = RefreshTokenCodec.encodeV3(rt, refreshKey, random);
        if (!wrap) {
            return new GenerateOutcome.Success(new IdentityTokens(advertisingToken, inner, identityExpires,
                    refreshExpires, refreshFrom, null));
        }
        byte[] responseKey = random.next(32);
        String wrapped = RefreshWrapper.wrap(inner, responseKey, refreshKey, scope, random);
        return new GenerateOutcome.Success(new IdentityTokens(advertisingToken, wrapped, identityExpires, refreshExpires,
                refreshFrom, Base64.getEncoder().encodeToString(responseKey)));
    }

    /** Refresh per spec tokens.md §5.3 and endpoints.md §5.2; {@code body} is the request body verbatim. */
    public RefreshOutcome refresh(Snapshot s, OptOutLookup optOuts, String body, long nowMs) {
        return refresh(s, optOuts, body, nowMs, true);
    }

    /** Refresh; with {@code wrap} false the new refresh token is returned bare (the v1 API's format). */
    public RefreshOutcome refresh(Snapshot s, OptOutLookup optOuts, String body, long nowMs, boolean wrap) {
        byte[] responseKey = null;
        String inner = body;
        if (body.length() == RefreshWrapper.WRAPPED_LENGTH) {
            try {
                RefreshWrapper.Unwrapped u = RefreshWrapper.unwrap(body, s);
                responseKey = u.responseKey();
                inner = u.innerToken();
            } catch (TokenException e) {
                return new RefreshOutcome.WrapperError(e.getMessage());
            }
        }
        RefreshToken rt;
        try {
            rt = RefreshTokenCodec.decode(inner, s);
        } catch (TokenException e) {
            return new RefreshOutcome.Invalid();
        }
        if (rt.scope() != scope) return new RefreshOutcome.Invalid();
        if (rt.establishedAt() < ESTABLISHED_CUTOFF_MS) return new RefreshOutcome.OptedOut(responseKey);
        if (rt.expiresAt() < nowMs) return new RefreshOutcome.Expired();
        byte[] flh = rt.firstLevelHash();
        TestIdentities ti = s.testIdentities();
        boolean optedOut = !ti.isNeverOptedOut(flh)
                && (ti.isAlwaysOptedOut(flh) || ti.isRefreshOptOut(flh) || optOuts.optedOutSince(flh) >= 0);
        if (optedOut) return new RefreshOutcome.OptedOut(responseKey);
        GenerateOutcome g = issue(s, flh, rt.type(), rt.siteId(), rt.privacyBits(), rt.establishedAt(), nowMs, wrap);
        if (g instanceof GenerateOutcome.Success ok) return new RefreshOutcome.Success(ok.tokens(), responseKey, rt.siteId());
        return new RefreshOutcome.NoActiveKey();
    }

    /** Validate per spec endpoints.md §6: the token's site key must belong to the caller's site. */
    public ValidateOutcome validate(Snapshot s, String token, UserIdentity identity, int callerSiteId) {
        AdvertisingToken at;
        try {
            at = AdvertisingTokenCodec.decode(token, s);
        } catch (TokenException e) {
            return ValidateOutcome.INVALID_TOKEN;
        }
        if (at.version() >= 3 && at.scope() != scope) return ValidateOutcome.INVALID_TOKEN;
        KeysetKey siteKey = s.byId(at.siteKeyId());
        Keyset ks = siteKey == null ? null : s.keyset(siteKey.keysetId());
        if (ks == null || ks.siteId() != callerSiteId) return ValidateOutcome.UNAUTHORISED;
        byte[] expected = rawUid(s, firstLevelHash(s, identity), identity.type());
        return Arrays.equals(expected, at.rawUid()) ? ValidateOutcome.MATCH : ValidateOutcome.NO_MATCH;
    }

    /**
     * The deprecated v1 validate rule (spec endpoints.md §15): true only for the test identities
     * validate@example.com / +12345678901 when the token holds the raw UID computed now; false for anything else,
     * including tokens that cannot be decoded.
     */
    public boolean validateTestIdentity(Snapshot s, String token, UserIdentity identity) {
        byte[] flh = firstLevelHash(s, identity);
        if (!s.testIdentities().isNeverOptedOut(flh)) return false;
        try {
            AdvertisingToken at = AdvertisingTokenCodec.decode(token, s);
            return Arrays.equals(rawUid(s, flh, identity.type()), at.rawUid());
        } catch (TokenException e) {
            return false;
        }
    }
}

package org.openuid.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.identity.UserIdentity;
import org.openuid.core.service.GenerateOutcome;
import org.openuid.core.service.OptOutLookup;
import org.openuid.core.service.RefreshOutcome;
import org.openuid.core.service.TokenService;
import org.openuid.core.token.AdvertisingToken;
import org.openuid.core.token.AdvertisingTokenCodec;
import org.openuid.core.token.RefreshToken;
import org.openuid.core.token.RefreshTokenCodec;
import org.openuid.core.token.RefreshWrapper;
import org.openuid.core.token.TokenException;


/**
 * Token codecs (spec tokens.md §4, §5; encryption.md §3) with the production IV source, and the whole core of
 * generate and refresh ({@link TokenService}: hashing, opt-out check, raw UID, both tokens, wrapper, response JSON)
 * without HTTP and without the request and response envelopes.
 */
public class TokenBenchmark extends NanoBenchmark {
    private BenchData data;
    private TokenService tokens;
    private final IvSource ivs = IvSource.secure();
    private AdvertisingToken advertising;
    private String advertisingText;
    private RefreshToken refresh;
    private String refreshText;
    private String wrapped;
    private byte[] responseKey;
    private UserIdentity identity;
    private long now;

    @Setup
    public void setUp() {
        data = new BenchData(1 << 16);
        tokens = new TokenService(IdentityScope.UID2, false, ivs);
        now = System.currentTimeMillis();
        identity = DiiParser.parse(DiiKind.EMAIL_HASH, Shapes.EMAIL_HASH);
        byte[] flh = data.snapshot.firstLevelHasher().firstLevelHash(identity.identityHash());
        byte[] rawUid = tokens.rawUid(data.snapshot, flh, IdentityType.EMAIL);
        advertising = new AdvertisingToken(4, IdentityScope.UID2, IdentityType.EMAIL, data.masterKey.id(), data.siteKey.id(),
                now + 259_200_000L, now, BenchData.SITE_ID, 1, now, now, rawUid);
        advertisingText = AdvertisingTokenCodec.encode(advertising, data.masterKey, data.siteKey, ivs);
        refresh = new RefreshToken(3, IdentityScope.UID2, IdentityType.EMAIL, now + 2_592_000_000L, now, BenchData.SITE_ID,
                1, now, flh);
        refreshText = RefreshTokenCodec.encodeV3(refresh, data.refreshKey, ivs);
        responseKey = data.bytes(32);
        wrapped = RefreshWrapper.wrap(refreshText, responseKey, data.refreshKey, IdentityScope.UID2, ivs);
    }

    @Benchmark
    public String encodeAdvertisingToken() {
        return AdvertisingTokenCodec.encode(advertising, data.masterKey, data.siteKey, ivs);
    }

    @Benchmark
    public AdvertisingToken decodeAdvertisingToken() throws TokenException {
        return AdvertisingTokenCodec.decode(advertisingText, data.snapshot);
    }

    @Benchmark
    public String encodeRefreshToken() {
        return RefreshTokenCodec.encodeV3(refresh, data.refreshKey, ivs);
    }

    @Benchmark
    public RefreshToken decodeRefreshToken() throws TokenException {
        return RefreshTokenCodec.decode(refreshText, data.snapshot);
    }

    @Benchmark
    public String wrapRefreshToken() {
        return RefreshWrapper.wrap(refreshText, responseKey, data.refreshKey, IdentityScope.UID2, ivs);
    }

    @Benchmark
    public RefreshWrapper.Unwrapped unwrapRefreshToken() throws TokenException {
        return RefreshWrapper.unwrap(wrapped, data.snapshot);
    }

    /** Identity hash to the response body JSON of generate (no envelope). */
    @Benchmark
    public String serviceGenerate() {
        GenerateOutcome o = tokens.generate(data.snapshot, OptOutLookup.NONE, identity, BenchData.SITE_ID,
                TokenService.PRIVACY_BITS_SERVER, now);
        return ((GenerateOutcome.Success) o).tokens().toJson();
    }

    /** Wrapped refresh token to the response body JSON of refresh (not yet encrypted with the response key). */
    @Benchmark
    public String serviceRefresh() {
        RefreshOutcome o = tokens.refresh(data.snapshot, OptOutLookup.NONE, wrapped, now);
        return ((RefreshOutcome.Success) o).tokens().toJson();
    }
}

package org.openuid.server.api.v2;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.cstg.CstgCrypto;
import org.openuid.core.cstg.CstgOutcome;
import org.openuid.core.cstg.CstgRequest;
import org.openuid.core.cstg.CstgService;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.service.Snapshot;
import org.openuid.server.config.CstgRateLimits;
import org.openuid.server.cstg.CstgRequestParser;
import org.openuid.server.cstg.RegistrableDomain;
import org.openuid.server.cstg.TokenBuckets;
import org.openuid.server.http.Operator;
import org.openuid.server.http.RequestLog;
import org.openuid.server.http.Responses;
import org.openuid.server.metrics.OperatorMetrics;

import java.nio.charset.StandardCharsets;

/**
 * POST /v2/token/client-generate (spec endpoints.md §4, encryption.md §4): no API key; the request is plain JSON
 * with an ECDH-encrypted identity hash; answers are encrypted with the shared secret, errors are plain JSON.
 * Before anything else the client IP's token bucket is charged, and once the keypair is known its site's bucket
 * (429 "Too many requests" when empty).
 */
public final class ClientGenerateHandler implements Handler<RoutingContext> {
    static final String TOO_MANY_REQUESTS = "Too many requests";
    private static final int MAX_TRACKED_KEYS = 100_000;

    private final Operator op;
    private final CstgService cstg;
    private final TokenBuckets<String> perIp;
    private final TokenBuckets<Integer> perSite;
    private final String clientIpHeader;

    public ClientGenerateHandler(Operator op) {
        this.op = op;
        this.cstg = new CstgService(op.tokens(), op.config().enablePhoneSupport(),
                op.config().clientSideTokenGenerateDomainNameCheckEnabled());
        CstgRateLimits limits = op.config().cstgRateLimits();
        this.perIp = new TokenBuckets<>(limits.perIpPerSecond(), limits.perIpBurst(), op.clock(), MAX_TRACKED_KEYS);
        this.perSite = new TokenBuckets<>(limits.perSitePerSecond(), limits.perSiteBurst(), op.clock(), MAX_TRACKED_KEYS);
        this.clientIpHeader = limits.clientIpHeader().isEmpty() ? null : limits.clientIpHeader();
    }

    @Override
    public void handle(RoutingContext ctx) {
        try {
            if (!perIp.tryAcquire(clientIp(ctx))) {
                tooManyRequests(ctx);
                return;
            }
            CstgRequestParser.Result parsed = CstgRequestParser.parse(Responses.body(ctx));
            if (parsed.error() != null) {
                Responses.clientError(ctx, parsed.error());
                return;
            }
            CstgRequest req = parsed.request();
            Snapshot s = op.state().snapshot();
            ClientSideKeypair kp = CstgService.keypair(s, req);
            if (kp == null) {
                reject(ctx, CstgService.BAD_SUBSCRIPTION);
                return;
            }
            if (!perSite.tryAcquire(kp.siteId())) {
                tooManyRequests(ctx);
                return;
            }
            CstgOutcome.Rejected denied = cstg.authorize(s, kp, req, ctx.request().getHeader("Origin"), RegistrableDomain::ofOrigin);
            if (denied != null) {
                reject(ctx, denied);
                return;
            }
            CstgOutcome outcome = cstg.generate(s, op.state().optOuts(), kp, req, op.now());
            if (outcome instanceof CstgOutcome.Rejected r) {
                reject(ctx, r);
            } else if (outcome instanceof CstgOutcome.Success ok) {
                op.metrics().count(OperatorMetrics.Event.TOKEN_GENERATED, kp.siteId());
                respond(ctx, ok.sharedSecret(), "{\"body\":" + ok.tokens().toJson() + ",\"status\":\"success\"}");
            } else if (outcome instanceof CstgOutcome.OptedOut o) {
                op.metrics().count(OperatorMetrics.Event.TOKEN_OPTOUT, kp.siteId());
                respond(ctx, o.sharedSecret(), "{\"status\":\"optout\"}");
            } else {
                RequestLog.internalError(ctx, "No active encryption key available", null);
            }
        } catch (RuntimeException e) {
            RequestLog.internalError(ctx, "Unknown error while handling client side token generate", e);
        }
    }

    private void respond(RoutingContext ctx, byte[] secret, String json) {
        byte[] blob = CstgCrypto.encryptResponse(secret, json.getBytes(StandardCharsets.UTF_8), op.random());
        Responses.encrypted(ctx, blob, false);
    }

    private static void reject(RoutingContext ctx, CstgOutcome.Rejected r) {
        Responses.error(ctx, r.httpStatus(), r.status(), r.message());
    }

    private static void tooManyRequests(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", "1");
        Responses.error(ctx, 429, "client_error", TOO_MANY_REQUESTS);
    }

    /** The TCP peer, or the last address of the configured proxy header when it is present. */
    private String clientIp(RoutingContext ctx) {
        if (clientIpHeader != null) {
            String forwarded = ctx.request().getHeader(clientIpHeader);
            if (forwarded != null) {
                String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
                if (!last.isEmpty()) return last;
            }
        }
        return ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().host();
    }
}

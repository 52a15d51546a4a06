package org.openuid.server.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.identity.UserIdentity;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.model.Role;
import org.openuid.core.service.OptOutRecords;
import org.openuid.server.http.Json;
import org.openuid.server.http.Operator;
import org.openuid.server.metrics.OperatorMetrics;
import org.openuid.server.http.RequestLog;
import org.openuid.server.http.Responses;
import org.openuid.server.http.V2Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * POST /v2/token/logout (spec endpoints.md §13, role OPTOUT): records the user's opt-out in the store instead of
 * forwarding it to an opt-out service (keys-and-data.md §7.2). The record is the identity's first-level hash and
 * current raw UID at the current time; the 200 is sent only once it is durable and honoured by this node.
 *
 * <p>Input: exactly one of {@code email}, {@code email_hash}, {@code phone}, {@code phone_hash} (phone keys ignored
 * when phone support is off). The optional audit fields {@code clientIp} (and the raw {@code email}/{@code phone},
 * which count as the identity input) are never logged. Bad input answers 400
 * {@code {"status":"invalid_token","message":"Invalid Token presented (<reason>)"}}, where the reason names the
 * offending field but never echoes its value.
 */
public final class TokenLogoutHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(TokenLogoutHandler.class);
    public static final String INVALID_TOKEN = "Invalid Token presented ";
    public static final String EXACTLY_ONE = "(exactly one of [email, email_hash, phone, phone_hash] must be specified)";
    public static final String EXACTLY_ONE_NO_PHONE = "(exactly one of [email, email_hash] must be specified)";
    public static final String MORE_THAN_ONE = "(more than one of [email, email_hash, phone, phone_hash] given: exactly one must be specified)";
    public static final String MORE_THAN_ONE_NO_PHONE = "(both email and email_hash given: exactly one must be specified)";
    private static final Pattern SAFE_TRACE_ID = Pattern.compile("[A-Za-z0-9._:;=/+-]{1,128}");

    /** The answer when the opt-out could not be made durable (store unreachable): nothing was acknowledged, retry. */
    public static final String NOT_RECORDED = "Service unavailable: the opt-out could not be recorded; retry";

    private final Operator op;

    public TokenLogoutHandler(Operator op) { this.op = op; }

    /** The identity to opt out, or the reason (without any DII) why there is none. */
    record Input(UserIdentity identity, DiiKind kind, String reason) {}

    static Input parse(ObjectNode payload, boolean phoneSupport) {
        String missing = phoneSupport ? EXACTLY_ONE : EXACTLY_ONE_NO_PHONE;
        if (payload == null) return new Input(null, null, missing);
        DiiKind kind = null;
        JsonNode value = null;
        for (DiiKind k : DiiKind.all()) {
            if (!phoneSupport && k.type == IdentityType.PHONE) continue;
            JsonNode v = payload.get(k.field);
            if (v == null || v.isNull()) continue;
            if (kind != null) return new Input(null, null, phoneSupport ? MORE_THAN_ONE : MORE_THAN_ONE_NO_PHONE);
            kind = k;
            value = v;
        }
        if (kind == null) return new Input(null, null, missing);
        String text = Json.scalarText(value);
        UserIdentity identity = text == null ? null : DiiParser.parse(kind, text);
        return identity == null ? new Input(null, kind, "(invalid " + kind.field + ")") : new Input(identity, kind, null);
    }

    @Override
    public void handle(RoutingContext ctx) {
        V2Call call = V2Call.open(ctx, op, Set.of(Role.OPTOUT));
        if (call == null) return;
        Input input = parse(call.payload(), op.config().enablePhoneSupport());
        if (input.identity() == null) {
            Responses.error(ctx, 400, "invalid_token", INVALID_TOKEN + input.reason());
            return;
        }
        OptOutRecord record = OptOutRecords.forIdentity(call.snapshot(), op.tokens(), input.identity(), op.now() / 1000);
        String trace = ctx.request().getHeader("UID-Trace-Id");
        String safeTrace = trace != null && SAFE_TRACE_ID.matcher(trace).matches() ? trace : "-";
        Context context = ctx.vertx().getOrCreateContext();
        op.state().recordOptOut(record).whenComplete((ok, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                LOG.error("request {}: opt-out not recorded: {}", RequestLog.id(ctx), failure.toString());
                Responses.error(ctx, 503, "unknown", NOT_RECORDED);
                return;
            }
            LOG.info("request {}: opt-out recorded ({}) for client key {}, trace {}", RequestLog.id(ctx),
                    input.kind().field, call.client().keyId(), safeTrace);
            op.metrics().count(OperatorMetrics.Event.OPTOUT_RECORDED, call.client().siteId());
            call.success("{\"optout\":\"OK\"}");
        }));
    }
}

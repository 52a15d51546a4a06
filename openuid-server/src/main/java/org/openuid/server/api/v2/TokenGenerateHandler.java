package org.openuid.server.api.v2;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.consent.TcfConsent;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.model.Role;
import org.openuid.core.service.GenerateOutcome;
import org.openuid.core.service.TokenService;
import org.openuid.server.http.DiiInput;
import org.openuid.server.http.Exchange;
import org.openuid.server.http.Json;
import org.openuid.server.http.JsonBytes;
import org.openuid.server.http.Operator;
import org.openuid.server.metrics.OperatorMetrics;
import org.openuid.server.http.RequestLog;
import org.openuid.server.http.Responses;
import org.openuid.server.http.V2Call;

import java.util.Set;
import java.util.function.Consumer;

/**
 * POST /v2/token/generate (spec endpoints.md §3). {@code optout_check} and {@code policy} are accepted and
 * ignored; EUID deployments evaluate {@code tcf_consent_string} when present.
 */
public final class TokenGenerateHandler implements Handler<RoutingContext>, Consumer<Exchange> {
    /** The request fields this endpoint reads, streamed from the payload (no JSON tree). */
    private static final String[] FIELDS = {"email", "email_hash", "phone", "phone_hash", "tcf_consent_string"};
    private static final int TCF = 4;
    private static final Set<Role> ROLES = Set.of(Role.GENERATOR);

    private final Operator op;

    public TokenGenerateHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        accept(Exchange.of(ctx));
    }

    /** Serves one request, routed or direct ({@link org.openuid.server.http.DirectRoutes}). */
    @Override
    public void accept(Exchange x) {
        V2Call call = V2Call.openForFields(x, op, ROLES);
        if (call == null) return;
        String[] fields = call.objectFields(FIELDS);
        if (fields == null) return;
        DiiInput.Result input = DiiInput.exactlyOne(name -> field(fields, name), op.config().enablePhoneSupport());
        if (!input.ok()) {
            Responses.clientError(x.response(), input.error());
            return;
        }
        if (op.config().identityScope() == IdentityScope.EUID) {
            String tcf = fields[TCF];
            if (tcf != null) {
                //noinspection StringEquality: identity comparison with the marker is intended
                TcfConsent.Result consent = TcfConsent.evaluate(tcf == Json.CONTAINER ? null : tcf, op.config().tcfVendorId());
                if (consent == TcfConsent.Result.INVALID) {
                    Responses.clientError(x.response(), "User consent is invalid");
                    return;
                }
                if (consent == TcfConsent.Result.INSUFFICIENT) {
                    call.status("insufficient_user_consent");
                    return;
                }
            }
        }
        GenerateOutcome outcome = op.tokens().generate(call.snapshot(), op.state().optOuts(), input.identity(),
                call.client().siteId(), TokenService.PRIVACY_BITS_SERVER, op.now());
        if (outcome instanceof GenerateOutcome.Success s) {
            op.metrics().count(OperatorMetrics.Event.TOKEN_GENERATED, call.client().siteId());
            JsonBytes out = call.successBody(TokenJson.EXPECTED);
            TokenJson.write(out, s.tokens());
            call.success(out);
        } else if (outcome instanceof GenerateOutcome.OptedOut) {
            op.metrics().count(OperatorMetrics.Event.TOKEN_OPTOUT, call.client().siteId());
            call.status("optout");
        } else {
            RequestLog.internalError(x, "No active encryption key available", null);
        }
    }

    /** A DII field as {@link DiiInput} reads it: its text, {@link Json#CONTAINER} for a container, null if absent. */
    private static String field(String[] fields, String name) {
        for (int i = 0; i < TCF; i++) {
            if (FIELDS[i].equals(name)) return fields[i];
        }
        return null;
    }
}

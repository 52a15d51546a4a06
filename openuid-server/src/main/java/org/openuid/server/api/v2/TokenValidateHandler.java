package org.openuid.server.api.v2;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.model.Role;
import org.openuid.core.service.ValidateOutcome;
import org.openuid.server.http.DiiInput;
import org.openuid.server.http.Json;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;
import org.openuid.server.http.V2Call;

import java.util.Set;

/** POST /v2/token/validate (spec endpoints.md §6). */
public final class TokenValidateHandler implements Handler<RoutingContext> {
    private final Operator op;

    public TokenValidateHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        V2Call call = V2Call.open(ctx, op, Set.of(Role.GENERATOR));
        if (call == null) return;
        DiiInput.Result input = DiiInput.exactlyOne(call.payload(), op.config().enablePhoneSupport());
        if (!input.ok()) {
            Responses.clientError(ctx, input.error());
            return;
        }
        String token = Json.scalarText(call.payload().get("token"));
        if (token == null) {
            Responses.clientError(ctx, "Invalid token");
            return;
        }
        ValidateOutcome outcome = op.tokens().validate(call.snapshot(), token, input.identity(), call.client().siteId());
        switch (outcome) {
            case INVALID_TOKEN -> Responses.clientError(ctx, "Invalid token");
            case UNAUTHORISED -> Responses.clientError(ctx, "Unauthorised to validate token");
            case MATCH -> call.success("true");
            case NO_MATCH -> call.success("false");
        }
    }
}

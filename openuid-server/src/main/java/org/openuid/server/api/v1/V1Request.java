package org.openuid.server.api.v1;

import io.vertx.ext.web.RoutingContext;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.Role;
import org.openuid.core.service.Snapshot;
import org.openuid.server.http.DiiInput;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;

import java.util.Optional;
import java.util.Set;

/**
 * Parsing and authentication shared by the deprecated v1 GET endpoints (spec endpoints.md §15): inputs in the
 * query string, decoded with form rules (an unencoded '+' becomes a space), first value of a repeated parameter.
 */
final class V1Request {
    private V1Request() {}

    /** How a v1 route answers an authentication failure. */
    enum Unauthorized { JSON, TEXT }

    /** The authenticated client, or null after answering 401. */
    static ClientKey authenticate(RoutingContext ctx, Snapshot s, Set<Role> roles, Unauthorized style) {
        Optional<ClientKey> c = s.authenticator().fromAuthorizationHeader(ctx.request().getHeader("Authorization"));
        if (c.isPresent() && !c.get().disabled() && c.get().hasAnyRole(roles)) return c.get();
        if (style == Unauthorized.JSON) Responses.unauthorized(ctx);
        else Responses.text(ctx, 401, "Unauthorized");
        return null;
    }

    /** First value of a query parameter, or null when absent. */
    static String param(RoutingContext ctx, String name) {
        return ctx.queryParams().get(name);
    }

    static DiiInput.Result dii(RoutingContext ctx, Operator op) {
        return DiiInput.exactlyOne(field -> param(ctx, field), op.config().enablePhoneSupport());
    }

    static void success(RoutingContext ctx, String bodyJson) {
        Responses.json(ctx, 200, "{\"status\":\"success\",\"body\":" + bodyJson + "}");
    }
}

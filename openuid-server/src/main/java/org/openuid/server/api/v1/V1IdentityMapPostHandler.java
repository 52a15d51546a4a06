package org.openuid.server.api.v1;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.model.Role;
import org.openuid.core.service.IdentityMapService;
import org.openuid.core.service.Snapshot;
import org.openuid.server.api.v2.IdentityMapV2Handler;
import org.openuid.server.http.DiiArrays;
import org.openuid.server.http.JsonBytes;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;
import org.openuid.server.metrics.OperatorMetrics;

import java.util.Set;

/**
 * POST /v1/identity/map (spec endpoints.md §15): the /v2/identity/map rules and answer, in plain JSON. A body
 * that is not a JSON object answers 400 (the legacy operator answered 500, or never answered a JSON object
 * without any of the four keys).
 */
public final class V1IdentityMapPostHandler implements Handler<RoutingContext> {
    static final String NOT_JSON = "Invalid body: expected a JSON object";
    private final Operator op;
    private final IdentityMapService service;

    public V1IdentityMapPostHandler(Operator op) {
        this.op = op;
        this.service = new IdentityMapService(op.tokens());
    }

    @Override
    public void handle(RoutingContext ctx) {
        Snapshot s = op.state().snapshot();
        var client = V1Request.authenticate(ctx, s, Set.of(Role.MAPPER), V1Request.Unauthorized.TEXT);
        if (client == null) return;
        byte[] body = Responses.body(ctx);
        DiiArrays payload = body.length == 0 ? null : DiiArrays.parse(body);
        if (body.length > 0 && payload == null) {
            Responses.clientError(ctx, NOT_JSON);
            return;
        }
        IdentityMapV2Handler.Request request = IdentityMapV2Handler.Request.parse(payload, op.config().enablePhoneSupport());
        if (request.error() != null) {
            Responses.clientError(ctx, request.error());
            return;
        }
        if (request.kind() == null) {
            V1Request.success(ctx, "{\"mapped\":[]}");
            return;
        }
        JsonBytes answer = new JsonBytes(0, IdentityMapV2Handler.answerBytes(request));
        int mapped = IdentityMapV2Handler.map(request, service.mapper(s, op.state().optOuts(), op.now()), answer);
        op.metrics().count(OperatorMetrics.Event.IDENTITY_MAPPED, client.siteId(), mapped);
        V1Request.success(ctx, answer.toString());
    }
}

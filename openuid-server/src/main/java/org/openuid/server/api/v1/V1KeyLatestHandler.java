package org.openuid.server.api.v1;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.Role;
import org.openuid.core.service.Snapshot;
import org.openuid.server.api.v2.KeyLatestHandler;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;

import java.util.Set;

/** GET /v1/key/latest (spec endpoints.md §15): the /v2/key/latest array, unencrypted. */
public final class V1KeyLatestHandler implements Handler<RoutingContext> {
    private final Operator op;

    public V1KeyLatestHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        Snapshot s = op.state().snapshot();
        ClientKey client = V1Request.authenticate(ctx, s, Set.of(Role.ID_READER), V1Request.Unauthorized.TEXT);
        if (client == null) return;
        if (client.siteId() <= 2) {
            Responses.error(ctx, 401, "invalid_client", "Unexpected client site id " + client.siteId());
            return;
        }
        V1Request.success(ctx, KeyLatestHandler.body(s, client));
    }
}

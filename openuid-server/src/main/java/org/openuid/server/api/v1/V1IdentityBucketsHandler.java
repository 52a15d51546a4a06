package org.openuid.server.api.v1;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.model.Role;
import org.openuid.core.service.IdentityBuckets;
import org.openuid.core.service.Snapshot;
import org.openuid.server.api.v2.IdentityBucketsHandler;
import org.openuid.server.http.JsonBytes;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;

import java.util.OptionalLong;
import java.util.Set;

/** GET /v1/identity/buckets?since_timestamp=... (spec endpoints.md §15): the /v2/identity/buckets answer, plain. */
public final class V1IdentityBucketsHandler implements Handler<RoutingContext> {
    private final Operator op;

    public V1IdentityBucketsHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        Snapshot s = op.state().snapshot();
        if (V1Request.authenticate(ctx, s, Set.of(Role.MAPPER), V1Request.Unauthorized.TEXT) == null) return;
        String since = V1Request.param(ctx, "since_timestamp");
        if (since == null) {
            Responses.clientError(ctx, IdentityBuckets.MISSING_SINCE);
            return;
        }
        OptionalLong ms = IdentityBuckets.parseSince(since);
        if (ms.isEmpty()) {
            Responses.clientError(ctx, IdentityBuckets.INVALID_SINCE);
            return;
        }
        JsonBytes body = new JsonBytes(0, 256);
        IdentityBucketsHandler.writeBody(body, s, ms.getAsLong());
        V1Request.success(ctx, body.toString());
    }
}

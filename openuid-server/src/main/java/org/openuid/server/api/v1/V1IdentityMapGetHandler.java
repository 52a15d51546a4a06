package org.openuid.server.api.v1;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.model.Role;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.TokenService;
import org.openuid.core.uid.BucketIndex;
import org.openuid.server.http.DiiInput;
import org.openuid.server.http.Json;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;

import java.util.Base64;
import java.util.Set;

/**
 * GET /v1/identity/map?email=... (spec endpoints.md §15): one identity's raw UID and bucket id, with the
 * identifier echoed as supplied. Like the legacy operator it does not check opt-outs.
 */
public final class V1IdentityMapGetHandler implements Handler<RoutingContext> {
    private final Operator op;

    public V1IdentityMapGetHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        Snapshot s = op.state().snapshot();
        if (V1Request.authenticate(ctx, s, Set.of(Role.MAPPER), V1Request.Unauthorized.TEXT) == null) return;
        DiiInput.Result input = V1Request.dii(ctx, op);
        if (!input.ok()) {
            Responses.clientError(ctx, input.error());
            return;
        }
        String identifier = null;
        for (DiiKind k : DiiKind.all()) {
            if (!op.config().enablePhoneSupport() && k.type == IdentityType.PHONE) continue;
            if (V1Request.param(ctx, k.field) != null) identifier = V1Request.param(ctx, k.field);
        }
        byte[] flh = TokenService.firstLevelHash(s, input.identity());
        int bucket = BucketIndex.of(flh, s.salts().size());
        byte[] rawUid = op.tokens().rawUid(s, flh, input.identity().type());
        V1Request.success(ctx, "{\"identifier\":" + Json.quote(identifier)
                + ",\"advertising_id\":\"" + Base64.getEncoder().encodeToString(rawUid)
                + "\",\"bucket_id\":" + Json.quote(s.bucketIds().encode(s.salts().bucketId(bucket))) + "}");
    }
}

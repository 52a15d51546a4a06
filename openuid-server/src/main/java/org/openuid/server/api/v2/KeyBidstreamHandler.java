package org.openuid.server.api.v2;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.model.Role;
import org.openuid.core.service.KeyDownload;
import org.openuid.core.service.Snapshot;
import org.openuid.server.http.Operator;
import org.openuid.server.http.V2Call;

import java.util.List;
import java.util.Set;

/** POST /v2/key/bidstream (spec endpoints.md §11.2): decryption keys for DSPs, without keyset ids. */
public final class KeyBidstreamHandler implements Handler<RoutingContext> {
    private final Operator op;

    public KeyBidstreamHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        V2Call call = V2Call.open(ctx, op, Set.of(Role.ID_READER));
        if (call == null) return;
        Snapshot s = call.snapshot();
        List<KeyDownload.Entry> entries = KeyDownload.keysFor(s, call.client());
        StringBuilder sb = new StringBuilder(256 + entries.size() * 140);
        sb.append("{\"max_bidstream_lifetime_seconds\":").append(s.runtime().effectiveMaxBidstreamLifetimeSeconds() + 10)
                .append(",\"identity_scope\":\"").append(op.config().identityScope().name()).append('"')
                .append(",\"allow_clock_skew_seconds\":").append(op.config().allowClockSkewSeconds())
                .append(",\"keys\":[");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) sb.append(',');
            KeyJson.key(sb, entries.get(i).key(), null, null);
        }
        sb.append(']');
        if (op.config().clientSideTokenGenerate())
            KeyJson.siteData(sb, s, entries, op.config().keySharingEndpointProvideAppNames());
        call.success(sb.append('}').toString());
    }
}

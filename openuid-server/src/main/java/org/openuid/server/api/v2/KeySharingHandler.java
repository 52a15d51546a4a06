package org.openuid.server.api.v2;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.Role;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.service.KeyDownload;
import org.openuid.core.service.Snapshot;
import org.openuid.server.http.Operator;
import org.openuid.server.http.V2Call;

import java.util.List;
import java.util.Set;

/** POST /v2/key/sharing (spec endpoints.md §11.1): keys for sharers and readers, with keyset ids for encryption. */
public final class KeySharingHandler implements Handler<RoutingContext> {
    private final Operator op;

    public KeySharingHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        V2Call call = V2Call.open(ctx, op, Set.of(Role.SHARER, Role.ID_READER));
        if (call == null) return;
        Snapshot s = call.snapshot();
        ClientKey client = call.client();
        RuntimeConfig rc = s.runtime();
        List<KeyDownload.Entry> entries = KeyDownload.keysFor(s, client);
        StringBuilder sb = new StringBuilder(256 + entries.size() * 160);
        sb.append("{\"caller_site_id\":").append(client.siteId())
                .append(",\"master_keyset_id\":").append(KeyDownload.MASTER_KEYSET_ID_FOR_SDKS);
        Integer defaultKeyset = KeyDownload.defaultKeysetId(s, client.siteId());
        if (defaultKeyset != null) sb.append(",\"default_keyset_id\":").append(defaultKeyset);
        sb.append(",\"token_expiry_seconds\":\"").append(rc.sharingTokenExpirySeconds()).append('"');
        if (client.roles().contains(Role.SHARER))
            sb.append(",\"max_sharing_lifetime_seconds\":").append(rc.effectiveMaxSharingLifetimeSeconds() + 10);
        sb.append(",\"identity_scope\":\"").append(op.config().identityScope().name()).append('"')
                .append(",\"allow_clock_skew_seconds\":").append(op.config().allowClockSkewSeconds())
                .append(",\"keys\":[");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) sb.append(',');
            KeyDownload.Entry e = entries.get(i);
            KeyJson.key(sb, e.key(), "keyset_id", KeyDownload.sharingKeysetId(e, client.siteId()));
        }
        sb.append(']');
        if (op.config().clientSideTokenGenerate())
            KeyJson.siteData(sb, s, entries, op.config().keySharingEndpointProvideAppNames());
        call.success(sb.append('}').toString());
    }
}

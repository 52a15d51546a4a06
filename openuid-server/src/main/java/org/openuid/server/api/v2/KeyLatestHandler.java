package org.openuid.server.api.v2;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.Role;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.KeyDownload;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;
import org.openuid.server.http.V2Call;

import java.util.List;
import java.util.Set;

/** POST /v2/key/latest (spec endpoints.md §11.3): the legacy array format with owner site ids. */
public final class KeyLatestHandler implements Handler<RoutingContext> {
    private final Operator op;

    public KeyLatestHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        V2Call call = V2Call.open(ctx, op, Set.of(Role.ID_READER));
        if (call == null) return;
        int siteId = call.client().siteId();
        if (siteId <= 2) {
            Responses.error(ctx, 401, "invalid_client", "Unexpected client site id " + siteId);
            return;
        }
        call.success(body(call.snapshot(), call.client()));
    }

    /** The legacy key array: every key the client may download, with its owner site id (master keys: -1). */
    public static String body(Snapshot s, ClientKey client) {
        List<KeyDownload.Entry> entries = KeyDownload.keysFor(s, client);
        StringBuilder sb = new StringBuilder(16 + entries.size() * 150).append('[');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) sb.append(',');
            KeyJson.key(sb, entries.get(i).key(), "site_id", entries.get(i).ownerSiteId());
        }
        return sb.append(']').toString();
    }
}

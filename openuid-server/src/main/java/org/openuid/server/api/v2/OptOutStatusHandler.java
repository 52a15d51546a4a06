package org.openuid.server.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.model.Role;
import org.openuid.core.service.OptOutLookup;
import org.openuid.server.http.JsonBytes;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;
import org.openuid.server.http.V2Call;

import java.util.Set;

/**
 * POST /v2/optout/status (spec endpoints.md §12): which of the given raw UIDs (exact Base64 text) have opted out and
 * since when (epoch ms), in request order, duplicates reported each time. Every malformed body is a 400. Runs on
 * {@link AdvertiserWorkers}.
 */
public final class OptOutStatusHandler implements Handler<RoutingContext> {
    static final String INVALID_BODY = "Invalid request body";
    static final String MISSING_IDS = "Required Parameter Missing: advertising_ids";
    static final String TOO_LARGE = "Request payload is too large";

    private final Operator op;

    public OptOutStatusHandler(Operator op) { this.op = op; }

    /** The raw UIDs asked about, or the client error to answer. */
    record Request(String[] ids, String error) {
        static Request parse(ObjectNode payload, int maxIds) {
            if (payload == null) return new Request(null, INVALID_BODY);
            JsonNode ids = payload.get("advertising_ids");
            if (ids == null || ids.isNull()) return new Request(null, MISSING_IDS);
            if (!ids.isArray()) return new Request(null, INVALID_BODY);
            if (ids.size() > maxIds) return new Request(null, TOO_LARGE);
            String[] out = new String[ids.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode id = ids.get(i);
                if (!id.isTextual()) return new Request(null, INVALID_BODY);
                out[i] = id.textValue();
            }
            return new Request(out, null);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        V2Call call = V2Call.open(ctx, op, Set.of(Role.MAPPER, Role.SHARER, Role.ID_READER));
        if (call == null) return;
        Request request = Request.parse(call.payload(), op.config().optoutStatusMaxRequestSize());
        if (request.error() != null) {
            Responses.clientError(ctx, request.error());
            return;
        }
        OptOutLookup optOuts = op.state().optOuts();
        JsonBytes body = call.successBody(64).ascii("{\"opted_out\":[");
        boolean first = true;
        for (String id : request.ids()) {
            long since = optOuts.optedOutSinceByRawUid(id);
            if (since < 0) continue;
            if (!first) body.ascii(',');
            first = false;
            body.ascii("{\"advertising_id\":").string(id).ascii(",\"opted_out_since\":").number(since * 1000).ascii('}');
        }
        call.success(body.ascii("]}"));
    }
}

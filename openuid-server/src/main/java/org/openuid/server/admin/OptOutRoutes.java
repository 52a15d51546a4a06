package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.core.model.OptOutRecord;
import org.openuid.server.http.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.openuid.server.admin.AdminRoutes.route;

/**
 * {@code POST /admin/v1/optouts}: opts one identity out (docs/admin.md, "Opt-outs"), durable when the answer
 * arrives and honoured by this node at once. Bulk files go through {@code openuid admin optout import} on the
 * operator host. The audit log records the kind of input and the opt-out's sequence number, never the identifier.
 */
final class OptOutRoutes {
    private OptOutRoutes() {}

    static void register(Router router, AdminContext ctx) {
        route(router, HttpMethod.POST, "/admin/v1/optouts", r -> {
            r.allowOnly(OptOutAdmin.FIELDS);
            List<String> given = new ArrayList<>();
            for (String f : OptOutAdmin.FIELDS) if (r.has(f)) given.add(f);
            if (given.size() != 1)
                throw AdminException.badRequest("send exactly one of " + String.join(", ", OptOutAdmin.FIELDS));
            String field = given.get(0);
            OptOutRecord record = OptOutAdmin.recordFor(ctx.op().state().snapshot(), ctx.op().tokens(), field,
                    r.optionalString(field), ctx.nowSec());
            long seq = ctx.store().addOptOut(record);
            ctx.refresh();
            String advertisingId = Base64.getEncoder().encodeToString(record.rawUid());
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("sequence", seq);
            out.put("advertising_id", advertisingId);
            out.put("opted_out_since", Instant.ofEpochSecond(record.timestampSeconds()).toString());
            ctx.audit().record(r.principal(), "optout.add", "optout", Long.toString(seq),
                    Json.mapper().createObjectNode().put("input", field));
            return out;
        });
        route(router, HttpMethod.GET, "/admin/v1/optouts", r -> {
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("count", ctx.op().state().optOuts().size());
            out.put("raw_uid_count", ctx.op().state().optOuts().rawUidCount());
            out.put("last_sequence", ctx.op().state().optOuts().lastSequence());
            return out;
        });
    }
}

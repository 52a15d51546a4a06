package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.server.http.Json;
import org.openuid.server.manage.OptOutService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.openuid.server.admin.AdminRoutes.route;

/**
 * {@code POST /admin/v1/optouts}: opts one identity out through {@link OptOutService} (docs/admin.md, "Opt-outs"),
 * durable when the answer arrives and honoured by this node at once. Bulk files go through
 * {@code openuid admin optout import} on the operator host. The audit log records the kind of input and the
 * opt-out's sequence number, never the identifier.
 */
final class OptOutRoutes {
    private OptOutRoutes() {}

    static void register(Router router, AdminContext ctx) {
        OptOutService optOuts = new OptOutService(ctx.store(), ctx.op().state(), ctx.op().tokens());
        route(router, HttpMethod.POST, "/admin/v1/optouts", r -> {
            r.allowOnly(OptOutService.FIELDS);
            List<String> given = new ArrayList<>();
            for (String f : OptOutService.FIELDS) if (r.has(f)) given.add(f);
            if (given.size() != 1)
                throw AdminException.badRequest("send exactly one of " + String.join(", ", OptOutService.FIELDS));
            String field = given.get(0);
            OptOutService.Added added = optOuts.add(field, r.optionalString(field), ctx.nowSec());
            ctx.refresh();
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("sequence", added.sequence());
            out.put("advertising_id", Base64.getEncoder().encodeToString(added.record().rawUid()));
            out.put("opted_out_since", Instant.ofEpochSecond(added.record().timestampSeconds()).toString());
            ctx.audit().record(r.principal(), "optout.add", "optout", Long.toString(added.sequence()),
                    Json.mapper().createObjectNode().put("input", field));
            return out;
        });
        route(router, HttpMethod.GET, "/admin/v1/optouts", r -> {
            OptOutService.Counts counts = optOuts.counts();
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("count", counts.count());
            out.put("raw_uid_count", counts.rawUidCount());
            out.put("last_sequence", counts.lastSequence());
            return out;
        });
    }
}

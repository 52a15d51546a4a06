package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.service.KeyRotation;
import org.openuid.server.http.Json;
import org.openuid.server.jobs.KeyRotationJob;
import org.openuid.server.manage.KeyService;
import org.openuid.server.manage.SaltService;

import java.util.List;
import java.util.function.IntPredicate;

import static org.openuid.server.admin.AdminRoutes.route;

/**
 * {@code /admin/v1/keys} and {@code /admin/v1/salts}: key and salt state, and "rotate now" (docs/admin.md,
 * "Rotation") through {@link KeyService} and {@link SaltService}; {@code "now": true} forces new keys for all or the
 * listed keysets (docs/keys.md, "Forced rotation"). A run takes the same cross-node lock as the scheduled job; when
 * another node holds it the answer is 409.
 */
final class RotationRoutes {
    private RotationRoutes() {}

    static void register(Router router, AdminContext ctx) {
        KeyService keys = new KeyService(ctx.store(), ctx.keyRotation(), ctx.jobs());
        SaltService salts = ctx.salts();
        route(router, HttpMethod.GET, "/admin/v1/keys", r -> {
            Integer keyset = r.queryId("keyset_id");
            ObjectNode out = Json.mapper().createObjectNode();
            keys(out.putArray("keys"), keys.keys(keyset), ctx.nowSec());
            return out;
        });
        route(router, HttpMethod.POST, "/admin/v1/keys/rotate", r -> {
            r.allowOnly("dry_run", "now", "keyset_ids");
            Boolean dryRun = r.optionalBoolean("dry_run");
            Boolean now = r.optionalBoolean("now");
            boolean forcedRun = now != null && now;
            IntPredicate forced = keys.forced(r.intList("keyset_ids"), forcedRun);
            if (dryRun != null && dryRun) return plan(ctx, keys.plan(ctx.nowMs(), forced)).put("now", forcedRun);
            KeyRotationJob.Result result = keys.rotate(forced);
            ObjectNode out = Json.mapper().createObjectNode().put("now", forcedRun);
            keys(out.putArray("created"), result.created(), ctx.nowSec());
            keys(out.putArray("deleted"), result.deleted(), ctx.nowSec());
            ObjectNode details = Json.mapper().createObjectNode().put("now", forcedRun);
            ArrayNode created = details.putArray("created_key_ids");
            result.created().forEach(k -> created.add(k.id()));
            ArrayNode deleted = details.putArray("deleted_key_ids");
            result.deleted().forEach(k -> deleted.add(k.id()));
            ctx.audit().record(r.principal(), "keys.rotate", "keys", "", details);
            return out;
        });
        route(router, HttpMethod.GET, "/admin/v1/salts", r -> AdminViews.salts(salts.state(), ctx.nowMs()));
        route(router, HttpMethod.POST, "/admin/v1/salts/rotate", r -> {
            r.allowOnly("fraction", "min_age_days");
            Double fraction = SaltService.checkFraction(r.optionalDouble("fraction"));
            Integer minAgeDays = SaltService.checkMinAgeDays(r.optionalInt("min_age_days"));
            ObjectNode out = AdminViews.saltRotation(salts.rotate(fraction, minAgeDays, ctx.nowMs()));
            ObjectNode audited = out.deepCopy();
            audited.remove("note");
            ctx.audit().record(r.principal(), "salts.rotate", "salts", "", audited);
            return out;
        });
    }

    /** What a key rotation would do now, without changing anything. */
    private static ObjectNode plan(AdminContext ctx, KeyRotation.Plan plan) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("dry_run", true);
        ArrayNode create = out.putArray("would_create");
        for (KeyRotation.NewKey k : plan.create()) {
            ObjectNode n = create.addObject().put("keyset_id", k.keysetId());
            AdminViews.seconds(n, "activates", k.activates());
            AdminViews.seconds(n, "expires", k.expires());
        }
        keys(out.putArray("would_delete"), plan.delete(), ctx.nowSec());
        return out;
    }

    private static void keys(ArrayNode a, List<KeysetKey> keys, long nowSec) {
        for (KeysetKey k : keys) a.add(AdminViews.key(k, nowSec));
    }
}

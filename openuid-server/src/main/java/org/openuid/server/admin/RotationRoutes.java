package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.service.KeyRotation;
import org.openuid.core.uid.SaltTable;
import org.openuid.server.config.SaltRotationSettings;
import org.openuid.server.http.Json;
import org.openuid.server.jobs.JobRunner;
import org.openuid.server.jobs.KeyRotationJob;
import org.openuid.server.jobs.SaltRotationJob;
import org.openuid.server.jobs.ScheduledJob;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import static org.openuid.server.admin.AdminRoutes.route;

/**
 * {@code /admin/v1/keys} and {@code /admin/v1/salts}: key and salt state, and "rotate now" (docs/admin.md,
 * "Rotation"). A run takes the same cross-node lock as the scheduled job ({@link JobRunner#runNow}); when another
 * node holds it the answer is 409.
 */
final class RotationRoutes {
    private RotationRoutes() {}

    static void register(Router router, AdminContext ctx) {
        route(router, HttpMethod.GET, "/admin/v1/keys", r -> {
            long keyset = r.queryLong("keyset_id", Long.MIN_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE);
            ObjectNode out = Json.mapper().createObjectNode();
            ArrayNode list = out.putArray("keys");
            for (KeysetKey k : ctx.store().loadAll().keys())
                if (keyset == Long.MIN_VALUE || k.keysetId() == keyset) list.add(AdminViews.key(k, ctx.nowSec()));
            return out;
        });
        route(router, HttpMethod.POST, "/admin/v1/keys/rotate", r -> {
            r.allowOnly("dry_run", "force");
            Boolean dryRun = r.optionalBoolean("dry_run");
            boolean force = Boolean.TRUE.equals(r.optionalBoolean("force"));
            if (dryRun != null && dryRun) return plan(ctx, force);
            KeyRotationJob.Result[] result = new KeyRotationJob.Result[1];
            run(ctx, JobRunner.KEY_ROTATION, "key rotation", now -> result[0] = ctx.keyRotation().runOnce(now, force));
            ObjectNode out = Json.mapper().createObjectNode();
            keys(out.putArray("created"), result[0].created(), ctx.nowSec());
            keys(out.putArray("deleted"), result[0].deleted(), ctx.nowSec());
            ObjectNode details = Json.mapper().createObjectNode();
            ArrayNode created = details.putArray("created_key_ids");
            result[0].created().forEach(k -> created.add(k.id()));
            ArrayNode deleted = details.putArray("deleted_key_ids");
            result[0].deleted().forEach(k -> deleted.add(k.id()));
            details.put("force", force);
            ctx.audit().record(r.principal(), "keys.rotate", "keys", "", details);
            return out;
        });
        route(router, HttpMethod.GET, "/admin/v1/salts", r -> salts(ctx));
        route(router, HttpMethod.POST, "/admin/v1/salts/rotate", r -> {
            r.allowOnly("fraction");
            Double fraction = r.optionalDouble("fraction");
            if (fraction != null && !(fraction >= 0 && fraction <= 1))
                throw AdminException.badRequest("fraction must be between 0 and 1, got " + fraction);
            SaltRotationSettings settings = fraction == null ? ctx.op().config().saltRotation()
                    : ctx.op().config().saltRotation().withFraction(fraction);
            SaltRotationJob job = new SaltRotationJob(ctx.store(), settings, new SecureRandom(), ctx::refresh);
            SaltRotationJob.Result[] result = new SaltRotationJob.Result[1];
            run(ctx, JobRunner.SALT_ROTATION, "salt rotation", now -> result[0] = job.runOnce(now));
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("fraction", settings.fraction());
            out.put("buckets", result[0].bucketCount());
            out.put("eligible", result[0].eligibleCount());
            out.put("rotated", result[0].rotatedCount());
            ctx.audit().record(r.principal(), "salts.rotate", "salts", "", out.deepCopy());
            return out;
        });
    }

    private static void run(AdminContext ctx, String lock, String what, java.util.function.LongConsumer job) {
        JobRunner.Outcome outcome = ctx.jobs().runNow(ScheduledJob.of(lock, job));
        if (outcome == JobRunner.Outcome.HELD_ELSEWHERE)
            throw AdminException.conflict(what + " is running on another node right now: try again shortly");
        if (outcome == JobRunner.Outcome.FAILED) throw new AdminException(500, what + " failed: see the operator log");
    }

    /** What a key rotation would do now, without changing anything. */
    private static ObjectNode plan(AdminContext ctx, boolean force) {
        KeyRotation.Plan plan = ctx.keyRotation().plan(ctx.nowMs(), force);
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

    /** Bucket count and the oldest and newest rotation times of the salt table in this node's snapshot. */
    static ObjectNode salts(AdminContext ctx) {
        SaltTable t = ctx.op().state().snapshot().salts();
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        for (int i = 0, n = t.size(); i < n; i++) {
            long lu = t.lastUpdated(i);
            oldest = Math.min(oldest, lu);
            newest = Math.max(newest, lu);
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("buckets", t.size());
        if (t.size() > 0) {
            out.put("oldest_rotation", Instant.ofEpochMilli(oldest).toString());
            out.put("newest_rotation", Instant.ofEpochMilli(newest).toString());
            out.put("newest_rotation_age_seconds", (ctx.nowMs() - newest) / 1000);
            out.put("oldest_rotation_age_seconds", (ctx.nowMs() - oldest) / 1000);
        }
        out.put("rotation_enabled", ctx.op().config().saltRotation().enabled());
        out.put("rotation_fraction", ctx.op().config().saltRotation().fraction());
        out.put("rotation_min_age_days", ctx.op().config().saltRotation().minAgeDays());
        return out;
    }
}

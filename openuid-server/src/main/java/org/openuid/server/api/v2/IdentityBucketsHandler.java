package org.openuid.server.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.model.Role;
import org.openuid.core.service.IdentityBuckets;
import org.openuid.core.service.Snapshot;
import org.openuid.core.uid.BucketIdEncoder;
import org.openuid.core.uid.SaltTable;
import org.openuid.server.http.Json;
import org.openuid.server.http.JsonBytes;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;
import org.openuid.server.http.V2Call;

import java.util.OptionalLong;
import java.util.Set;

/**
 * POST /v2/identity/buckets (spec endpoints.md §10): the buckets whose {@code lastUpdated ≥ since_timestamp}, in
 * salt-file order, with {@code last_updated} in UTC with three fraction digits. An empty payload answers
 * {@code missing parameter since_timestamp}. Runs on {@link AdvertiserWorkers} (the answer can hold a million
 * buckets).
 */
public final class IdentityBucketsHandler implements Handler<RoutingContext> {
    private final Operator op;

    public IdentityBucketsHandler(Operator op) { this.op = op; }

    /** since_timestamp in epoch ms, or the client error to answer. */
    record Request(long sinceMs, String error) {
        static Request parse(ObjectNode payload) {
            JsonNode since = payload == null ? null : payload.get("since_timestamp");
            if (since == null || since.isNull()) return new Request(0, IdentityBuckets.MISSING_SINCE);
            OptionalLong ms = IdentityBuckets.parseSince(Json.scalarText(since));
            return ms.isPresent() ? new Request(ms.getAsLong(), null) : new Request(0, IdentityBuckets.INVALID_SINCE);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        V2Call call = V2Call.open(ctx, op, Set.of(Role.MAPPER));
        if (call == null) return;
        Request request = Request.parse(call.payload());
        if (request.error() != null) {
            Responses.clientError(ctx, request.error());
            return;
        }
        JsonBytes body = call.successBody(256);
        writeBody(body, call.snapshot(), request.sinceMs());
        call.success(body);
    }

    /** Writes the JSON array of buckets updated since {@code sinceMs} (shared with the v1 API). */
    public static void writeBody(JsonBytes out, Snapshot s, long sinceMs) {
        SaltTable salts = s.salts();
        BucketIdEncoder ids = s.bucketIds();
        StringBuilder time = new StringBuilder(24);
        out.ascii('[');
        int empty = out.length();
        IdentityBuckets.forEachUpdatedSince(salts, sinceMs, i -> {
            if (out.length() > empty) out.ascii(',');
            out.ascii("{\"bucket_id\":").bucketId(ids, salts.bucketId(i)).ascii(",\"last_updated\":\"");
            time.setLength(0);
            IdentityBuckets.appendLastUpdated(time, salts.lastUpdated(i));
            out.ascii(time).ascii("\"}");
        });
        out.ascii(']');
    }
}

package org.openuid.server.api;

import io.vertx.ext.web.Router;
import org.openuid.server.api.v2.AdvertiserWorkers;
import org.openuid.server.api.v2.IdentityBucketsHandler;
import org.openuid.server.api.v2.IdentityMapV2Handler;
import org.openuid.server.api.v2.OptOutStatusHandler;
import org.openuid.server.api.v3.IdentityMapV3Handler;
import org.openuid.server.http.Operator;

/**
 * Advertiser and data-provider routes (spec endpoints.md §7, §8, §10, §12): identity map v2 and v3, buckets, opt-out
 * status. Their work runs on a small worker pool so that large batches never hold an event loop.
 */
public final class IdentityApi {
    private IdentityApi() {}

    public static void register(Router router, Operator op) {
        AdvertiserWorkers workers = new AdvertiserWorkers();
        router.post("/v2/identity/map").handler(workers.offload(new IdentityMapV2Handler(op), "Unknown error while mapping identity v2"));
        router.post("/v3/identity/map").handler(workers.offload(new IdentityMapV3Handler(op), "Unknown error while mapping identity v3"));
        router.post("/v2/identity/buckets").handler(workers.offload(new IdentityBucketsHandler(op), "Unknown error while getting buckets"));
        if (op.config().optoutStatusApiEnabled())
            router.post("/v2/optout/status").handler(workers.offload(new OptOutStatusHandler(op), "Unknown error while getting opt-out status"));
    }
}

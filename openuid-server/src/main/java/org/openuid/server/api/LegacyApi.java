package org.openuid.server.api;

import io.vertx.ext.web.Router;
import org.openuid.server.api.v1.V1IdentityBucketsHandler;
import org.openuid.server.api.v1.V1IdentityMapGetHandler;
import org.openuid.server.api.v1.V1IdentityMapPostHandler;
import org.openuid.server.api.v1.V1KeyLatestHandler;
import org.openuid.server.api.v2.AdvertiserWorkers;
import org.openuid.server.api.v1.V1TokenGenerateHandler;
import org.openuid.server.api.v1.V1TokenRefreshHandler;
import org.openuid.server.api.v1.V1TokenValidateHandler;
import org.openuid.server.http.Operator;

/**
 * The deprecated v1 GET API (spec endpoints.md §15), registered only when {@code allow_legacy_api} is on (by
 * default in demo mode): DII travels in query strings, which end up in proxy and access logs.
 */
public final class LegacyApi {
    private LegacyApi() {}

    public static void register(Router router, Operator op) {
        if (!op.config().allowLegacyApi()) return;
        router.get("/v1/token/generate").handler(new V1TokenGenerateHandler(op));
        router.get("/v1/token/refresh").handler(new V1TokenRefreshHandler(op));
        router.get("/v1/token/validate").handler(new V1TokenValidateHandler(op));
        router.get("/v1/key/latest").handler(new V1KeyLatestHandler(op));
        AdvertiserWorkers workers = new AdvertiserWorkers();
        router.get("/v1/identity/map").handler(new V1IdentityMapGetHandler(op));
        router.post("/v1/identity/map").handler(workers.offload(new V1IdentityMapPostHandler(op), "Unknown error while mapping batched identity"));
        router.get("/v1/identity/buckets").handler(workers.offload(new V1IdentityBucketsHandler(op), "Unknown error while getting buckets"));
    }
}

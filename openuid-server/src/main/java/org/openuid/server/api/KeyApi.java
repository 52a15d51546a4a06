package org.openuid.server.api;

import io.vertx.ext.web.Router;
import org.openuid.server.api.v2.KeyBidstreamHandler;
import org.openuid.server.api.v2.KeyLatestHandler;
import org.openuid.server.api.v2.KeySharingHandler;
import org.openuid.server.http.Operator;

/** Key download routes for DSPs and sharers. */
public final class KeyApi {
    private KeyApi() {}

    public static void register(Router router, Operator op) {
        router.post("/v2/key/sharing").handler(new KeySharingHandler(op));
        router.post("/v2/key/bidstream").handler(new KeyBidstreamHandler(op));
        router.post("/v2/key/latest").handler(new KeyLatestHandler(op));
    }
}

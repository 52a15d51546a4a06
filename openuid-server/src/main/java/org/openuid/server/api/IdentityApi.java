package org.openuid.server.api;

import io.vertx.ext.web.Router;
import org.openuid.server.http.Operator;

/** Advertiser and data-provider routes: identity map, buckets, opt-out status. */
public final class IdentityApi {
    private IdentityApi() {}

    public static void register(Router router, Operator op) {
    }
}

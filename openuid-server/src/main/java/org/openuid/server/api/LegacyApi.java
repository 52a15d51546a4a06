package org.openuid.server.api;

import io.vertx.ext.web.Router;
import org.openuid.server.http.Operator;

/** The deprecated v1 GET API, when enabled. */
public final class LegacyApi {
    private LegacyApi() {}

    public static void register(Router router, Operator op) {
    }
}

package org.openuid.server.api;

import io.vertx.ext.web.Router;
import org.openuid.server.http.Operator;

/** Opt-out ingestion routes. */
public final class OptOutApi {
    private OptOutApi() {}

    public static void register(Router router, Operator op) {
    }
}

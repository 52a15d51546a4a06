package org.openuid.server.api;

import io.vertx.ext.web.Router;
import org.openuid.server.http.Operator;

/** Client-side token generation (CSTG) routes. */
public final class ClientSideApi {
    private ClientSideApi() {}

    public static void register(Router router, Operator op) {
    }
}

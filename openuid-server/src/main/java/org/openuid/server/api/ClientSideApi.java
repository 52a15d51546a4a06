package org.openuid.server.api;

import io.vertx.ext.web.Router;
import org.openuid.server.api.v2.ClientGenerateHandler;
import org.openuid.server.http.Operator;

/** Client-side token generation (CSTG) routes; registered only when {@code client_side_token_generate} is on. */
public final class ClientSideApi {
    private ClientSideApi() {}

    public static void register(Router router, Operator op) {
        if (!op.config().clientSideTokenGenerate()) return;
        router.post("/v2/token/client-generate").handler(new ClientGenerateHandler(op));
    }
}

package org.openuid.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * {@code GET /favicon.ico}: the project's 32×32 icon (a PNG inside an ICO, a few hundred bytes, a resource of the
 * jar) for the pages people open in a browser: the admin console and, in demo mode, the {@code /docs} page.
 */
public final class Favicon {
    /** Classpath location of the icon. */
    public static final String RESOURCE = "favicon.ico";
    private static final Buffer ICON = Buffer.buffer(JarResources.bytes(RESOURCE));

    private Favicon() {}

    public static void register(Router router) {
        router.get("/favicon.ico").handler(ctx -> ctx.response().putHeader("Content-Type", "image/x-icon")
                .putHeader("Cache-Control", "max-age=86400").putHeader("X-Content-Type-Options", "nosniff").end(ICON));
    }
}

package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.openuid.server.http.Favicon;
import org.openuid.server.http.Json;

/**
 * The admin listener's routes (docs/admin.md): the JSON API under {@code /admin/v1/} (admin token required) and the
 * web console under {@code /console/} (static files from the jar; the console itself asks for the token). Every
 * answer carries a strict Content-Security-Policy and is never cached; no CORS headers are sent, so other origins
 * cannot call the API from a browser.
 */
public final class AdminRouter {
    /** Admin requests are small: larger bodies answer 413. */
    static final long MAX_BODY_BYTES = 64 * 1024;
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private AdminRouter() {}

    /** {@code localToken}: the node's local operator credential (see {@link AdminAuth}), or null. */
    static Router create(Vertx vertx, AdminContext ctx, RateSampler sampler, String localToken) {
        Router router = Router.router(vertx);
        router.route().handler(rc -> {
            rc.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("X-Frame-Options", "DENY").putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-store");
            rc.next();
        });
        router.route("/admin/v1/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route("/admin/v1/*").handler(new AdminAuth(ctx.store(), localToken));
        AdminRoutes.route(router, HttpMethod.GET, "/admin/v1/whoami", r -> {
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("token_id", r.principal().id());
            out.put("token_name", r.principal().name());
            out.put("identity_scope", ctx.op().config().identityScope().name());
            out.put("demo_mode", ctx.op().config().demoMode());
            out.put("can_reveal", true);
            return out;
        });
        AdminTokenRoutes.register(router, ctx);
        SiteRoutes.register(router, ctx);
        ClientRoutes.register(router, ctx);
        KeysetRoutes.register(router, ctx);
        KeypairRoutes.register(router, ctx);
        ServiceRoutes.register(router, ctx);
        RotationRoutes.register(router, ctx);
        OptOutRoutes.register(router, ctx);
        AuditRoutes.register(router, ctx);
        InspectorRoutes.register(router, ctx);
        DashboardRoutes.register(router, ctx, sampler);
        SandboxRoutes.register(router, ctx);
        router.route("/admin/v1/*").handler(rc -> AdminRoutes.error(rc, 404,
                "no admin API route " + rc.request().method() + " " + rc.request().path()));

        router.get("/").handler(rc -> rc.redirect("/console/"));
        Favicon.register(router);
        router.route("/console/*").handler(StaticHandler.create("admin-console").setCachingEnabled(false)
                .setDirectoryListing(false).setIndexPage("index.html"));

        router.route().failureHandler(rc -> {
            int status = rc.statusCode() > 0 ? rc.statusCode() : 500;
            if (status == 413) AdminRoutes.error(rc, 413, "request body too large: the limit is " + MAX_BODY_BYTES + " bytes");
            else AdminRoutes.error(rc, status, status >= 500 ? "internal error: see the operator log" : "request failed");
        });
        router.errorHandler(404, rc -> AdminRoutes.error(rc, 404, "not found: " + rc.request().path()));
        router.errorHandler(405, rc -> AdminRoutes.error(rc, 405, "method not allowed"));
        return router;
    }
}

package org.openuid.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.openuid.server.http.Json;
import org.openuid.server.manage.ServiceException;
import org.openuid.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers admin API routes. Each action runs on a worker thread (the store blocks), returns JSON (200, or the
 * status of a {@link Reply}), and its failures become JSON errors: {@link AdminException} with its status, a
 * {@link ServiceException} by its kind (400 invalid, 404 not found, 409 conflict, 500 failed),
 * {@link IllegalArgumentException} from the services and core rules as 400, an unreachable store as 503.
 */
final class AdminRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);

    private AdminRoutes() {}

    @FunctionalInterface
    interface Action {
        /** @return a {@link JsonNode} (200) or a {@link Reply} */
        Object handle(AdminRequest request) throws Exception;
    }

    /** A JSON answer with a status other than 200 (e.g. 201 for a creation). */
    record Reply(int status, JsonNode body) {}

    static void route(Router router, HttpMethod method, String path, Action action) {
        router.route(method, path).blockingHandler(ctx -> run(ctx, action), false);
    }

    private static void run(RoutingContext ctx, Action action) {
        try {
            Object result = action.handle(new AdminRequest(ctx));
            if (result instanceof Reply r) json(ctx, r.status(), r.body());
            else json(ctx, 200, (JsonNode) result);
        } catch (AdminException e) {
            error(ctx, e.status(), e.getMessage());
        } catch (ServiceException e) {
            error(ctx, status(e.kind()), e.getMessage());
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
        } catch (StoreException e) {
            LOG.warn("admin {} {}: store unavailable: {}", ctx.request().method(), ctx.currentRoute().getPath(), e.toString());
            error(ctx, 503, "the store is unavailable: " + e.getMessage());
        } catch (Exception e) {
            LOG.error("admin {} {} failed", ctx.request().method(), ctx.currentRoute().getPath(), e);
            error(ctx, 500, "internal error: see the operator log");
        }
    }

    /** The HTTP status of a service's refusal. */
    static int status(ServiceException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case FAILED -> 500;
        };
    }

    static void json(RoutingContext ctx, int status, JsonNode body) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.toString());
    }

    static void error(RoutingContext ctx, int status, String message) {
        String kind = switch (status) {
            case 400 -> "client_error";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "client_error";
            default -> "error";
        };
        var body = Json.mapper().createObjectNode().put("status", kind).put("message", message == null ? kind : message);
        json(ctx, status, body);
    }

    static void unauthorized(RoutingContext ctx, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"openuid-admin\"");
        error(ctx, 401, message);
    }
}

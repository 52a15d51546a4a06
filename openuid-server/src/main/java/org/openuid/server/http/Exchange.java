package org.openuid.server.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * One request and its body as an endpoint sees it, whether it came through the router ({@link #of(RoutingContext)})
 * or was served directly by {@link DirectRoutes}; what the request log needs (request id, route, client key id) is
 * kept here on the direct path and in the routing context otherwise.
 */
public final class Exchange {
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final RoutingContext ctx;
    private byte[] body;
    String route;
    String requestId;
    String clientKeyId;

    Exchange(HttpServerRequest request, RoutingContext ctx) {
        this.request = request;
        this.response = request.response();
        this.ctx = ctx;
    }

    /** A request that came through the router, with the body {@link BodyReader} collected. */
    public static Exchange of(RoutingContext ctx) {
        Exchange x = new Exchange(ctx.request(), ctx);
        x.body = Responses.body(ctx);
        return x;
    }

    public HttpServerRequest request() { return request; }

    public HttpServerResponse response() { return response; }

    /** The request body (empty when there was none). */
    public byte[] body() { return body; }

    void body(byte[] body) { this.body = body; }

    /** The routing context, or null when the request was served without the router. */
    public RoutingContext context() { return ctx; }

    /** Records the authenticated client's key id for the access log. */
    public void clientKeyId(String keyId) {
        if (ctx != null) ctx.put(RequestLog.CLIENT_KEY_ID, keyId);
        else clientKeyId = keyId;
    }

    String requestId() {
        return ctx != null ? RequestLog.id(ctx) : requestId == null ? "-" : requestId;
    }

    String route() {
        if (ctx == null) return route;
        io.vertx.ext.web.Route r = ctx.currentRoute();
        return r == null || r.getPath() == null ? "other" : r.getPath();
    }

    Object loggedClientKeyId() {
        Object id = ctx != null ? ctx.get(RequestLog.CLIENT_KEY_ID) : clientKeyId;
        return id == null ? "-" : id;
    }
}

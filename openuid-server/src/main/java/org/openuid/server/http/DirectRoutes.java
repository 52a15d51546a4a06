package org.openuid.server.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import org.openuid.server.state.NodeHealth;

import java.util.function.Consumer;

/**
 * The HTTP server's request handler: the hottest POST routes (token generate and refresh) are served straight from
 * the request, every other request goes to the router. A profile of {@code /v2/token/generate} showed the router's
 * work per request (a routing context with its data map, matching every route in turn, six handlers, end handler
 * lists) as a large share of what the operator adds to the bare HTTP exchange.
 *
 * <p>The direct path does what the router's handlers do for these routes, in the same order and with the same
 * answers: shutting down (the request goes to the router, which answers 503), the request id, metrics and access
 * line ({@link RequestLog}), CORS for a request with {@code Origin} ({@link Cors}), the body limit ({@link
 * BodyReader}), failing closed ({@link FailClosed}), and a 500 that names the request id for an unexpected failure.
 * Only the exact paths are served here; any other spelling that the router matches still goes to the router.
 */
public final class DirectRoutes implements Handler<HttpServerRequest> {
    private final Router router;
    private final Operator op;
    private final Drain drain;
    private final int limit;
    private final boolean accessLog;
    private final String[] paths;
    private final Consumer<Exchange>[] endpoints;

    /**
     * @param paths     exact request paths served directly (POST only)
     * @param endpoints what serves each path, in the same order
     */
    public DirectRoutes(Router router, Operator op, Drain drain, String[] paths, Consumer<Exchange>[] endpoints) {
        if (paths.length != endpoints.length) throw new IllegalArgumentException("one endpoint per path");
        this.router = router;
        this.op = op;
        this.drain = drain;
        this.limit = op.config().maxRequestBodyBytes();
        this.accessLog = op.config().accessLog();
        this.paths = paths.clone();
        this.endpoints = endpoints.clone();
    }

    @Override
    public void handle(HttpServerRequest req) {
        int i = req.method() == HttpMethod.POST && !drain.draining() ? indexOf(req.path()) : -1;
        if (i < 0) {
            router.handle(req);
            return;
        }
        new Direct(req, paths[i], endpoints[i]).start();
    }

    private int indexOf(String path) {
        if (path == null) return -1;
        for (int i = 0; i < paths.length; i++) {
            if (paths[i].equals(path)) return i;
        }
        return -1;
    }

    /** One directly served request: collects the body, then runs the endpoint; also its end handler. */
    private final class Direct implements Handler<Void> {
        private final Exchange x;
        private final Consumer<Exchange> endpoint;
        private final long start = System.nanoTime();
        private Buffer body;
        private boolean copied;
        private boolean failed;
        private boolean ended;

        Direct(HttpServerRequest req, String route, Consumer<Exchange> endpoint) {
            this.x = new Exchange(req, null);
            this.x.route = route;
            this.endpoint = endpoint;
        }

        void start() {
            drain.enter();
            HttpServerRequest req = x.request();
            HttpServerResponse response = x.response();
            response.endHandler(this).closeHandler(this).exceptionHandler(e -> handle(null));
            String id = RequestLog.newId();
            x.requestId = id;
            response.putHeader(RequestLog.ID_HEADER, id);
            Cors.allowOrigin(req, response);
            if (BodyReader.declaresMoreThan(req, limit)) {
                BodyReader.tooLarge(response, limit);
                return;
            }
            req.handler(this::chunk);
            req.endHandler(v -> end());
            req.exceptionHandler(e -> failed = true);
        }

        private void chunk(Buffer chunk) {
            if (failed) return;
            int have = body == null ? 0 : body.length();
            if (have + chunk.length() > limit) {
                failed = true;
                BodyReader.tooLarge(x.response(), limit);
                return;
            }
            if (body == null) {
                body = chunk; // a request body usually arrives in one chunk: kept as it is
            } else {
                if (!copied) {
                    body = Buffer.buffer(have + chunk.length()).appendBuffer(body);
                    copied = true;
                }
                body.appendBuffer(chunk);
            }
        }

        private void end() {
            if (failed) return;
            x.body(body == null ? new byte[0] : body.getBytes());
            NodeHealth h = op.state().health();
            if (FailClosed.refuses(h, true)) {
                Responses.serviceUnavailable(x.response(), h.reason());
                return;
            }
            try {
                endpoint.accept(x);
            } catch (RuntimeException | Error e) {
                RequestLog.internalError(x, "Internal error", e);
            }
        }

        /** End of the response, or of the connection before it: counted once. */
        @Override
        public void handle(Void ignored) {
            if (ended) return;
            ended = true;
            drain.leave();
            RequestLog.finished(op, accessLog, x.requestId, "POST", x.route, x.response().getStatusCode(),
                    System.nanoTime() - start, x.loggedClientKeyId());
        }
    }
}

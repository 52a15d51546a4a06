package org.openuid.server;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import org.openuid.core.crypto.CryptoWarmUp;
import org.openuid.server.api.ApiRouter;
import org.openuid.server.api.OpsRouter;
import org.openuid.server.api.PublisherApi;
import org.openuid.server.http.Drain;
import org.openuid.server.http.Operator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs the public API on one HTTP server per event loop, all sharing one port. */
public final class OperatorServer implements AutoCloseable {
    static final long WARM_UP_DELAY_MS = 2_000;
    /** The JIT's work is per JVM: one warm-up is enough however many servers a JVM starts (tests start many). */
    private static final AtomicBoolean WARM_UP_STARTED = new AtomicBoolean();
    private final Vertx vertx;
    private final List<HttpServer> servers = new ArrayList<>();
    private int port;
    private int opsPort = -1;
    private final Drain drain = new Drain();
    private Thread warmUp;

    private OperatorServer(Vertx vertx) { this.vertx = vertx; }

    public static OperatorServer start(Operator op) {
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(false));
        OperatorServer s = new OperatorServer(vertx);
        Router router = ApiRouter.create(vertx, op);
        router.route().order(-1).handler(s.drain);
        Handler<HttpServerRequest> direct = PublisherApi.directRoutes(router, op, s.drain);
        // No WebSocket extension handler in the pipeline: the API has no WebSockets, and every request passed it.
        HttpServerOptions options = new HttpServerOptions().setHost(op.config().bindHost())
                .setCompressionSupported(false).setIdleTimeout(120).setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setPerFrameWebSocketCompressionSupported(false).setPerMessageWebSocketCompressionSupported(false);
        try {
            // a negative port asks Vert.x for one random port shared by all servers listening with that value
            int port = op.config().port() == 0 ? -1 : op.config().port();
            for (int i = 0; i < loops; i++) {
                HttpServer server = vertx.createHttpServer(new HttpServerOptions(options).setPort(port)).requestHandler(direct);
                server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                s.port = server.actualPort();
                s.servers.add(server);
            }
            if (op.config().opsPort() >= 0) {
                HttpServer ops = vertx.createHttpServer(new HttpServerOptions().setHost(op.config().opsBindHost())
                        .setPort(op.config().opsPort())).requestHandler(OpsRouter.create(vertx, op));
                ops.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                s.opsPort = ops.actualPort();
                s.servers.add(ops);
            }
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("cannot listen on " + op.config().bindHost() + ":" + op.config().port() + ": " + e.getMessage(), e);
        }
        if (WARM_UP_STARTED.compareAndSet(false, true)) s.warmUp = startCryptoWarmUp();
        // the JVM's meters are bound off the start path and off the event loops (a scrape before binds them itself)
        vertx.setTimer(WARM_UP_DELAY_MS, id -> vertx.executeBlocking(() -> {
            op.metrics().bindJvmMetrics();
            return null;
        }, false));
        return s;
    }

    /**
     * Shortly after start, compiles the JDK's AES-GCM paths for large messages in the background
     * ({@link CryptoWarmUp}: otherwise identity map bodies are sealed in the JDK's slow path until enough token traffic
     * has warmed it). Once per JVM; delayed so that it does not compete with the first requests; stopped by
     * {@link #close()}.
     */
    private static Thread startCryptoWarmUp() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(WARM_UP_DELAY_MS);
                CryptoWarmUp.run();
            } catch (InterruptedException stopped) {
                // closing
            }
        }, "openuid-crypto-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    public int port() { return port; }

    /** Port of the ops listener, or -1 when it is disabled. */
    public int opsPort() { return opsPort; }

    /** Requests in flight on the public API. */
    public int inFlight() { return drain.inFlight(); }

    /**
     * Graceful stop: new requests answer 503, requests in flight finish (up to {@code drainMs}), then the
     * listeners and Vert.x close.
     */
    public void shutdown(long drainMs) {
        drain.drain(drainMs);
        close();
    }

    @Override
    public void close() {
        if (warmUp != null) warmUp.interrupt();
        try {
            for (HttpServer server : servers) server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // shutting down anyway
        }
    }
}

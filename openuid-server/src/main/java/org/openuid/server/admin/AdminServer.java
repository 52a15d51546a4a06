package org.openuid.server.admin;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.openuid.server.config.AdminSettings;
import org.openuid.server.http.Operator;
import org.openuid.server.jobs.JobRunner;
import org.openuid.server.jobs.KeyRotationJob;
import org.openuid.server.manage.AuditLog;
import org.openuid.store.Store;

import java.util.concurrent.TimeUnit;

/**
 * The admin listener ({@code admin_bind_host}:{@code admin_port}, docs/admin.md): its own small Vert.x instance, so
 * administration never competes with the public API's event loops, and blocking store work runs on its workers.
 */
public final class AdminServer implements AutoCloseable {
    private final Vertx vertx;
    private HttpServer server;

    private AdminServer(Vertx vertx) { this.vertx = vertx; }

    /**
     * Starts the admin listener for a node whose public API listens on {@code publicPort}; {@code localToken} is the
     * node's local operator credential (null: none).
     */
    public static AdminServer start(Operator op, Store store, KeyRotationJob keyRotation, JobRunner jobs, int publicPort,
                                    String localToken) {
        AdminSettings settings = op.config().admin();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4).setPreferNativeTransport(false));
        AdminServer s = new AdminServer(vertx);
        try {
            AdminContext ctx = new AdminContext(op, store, new AuditLog(store, op.clock()), keyRotation, jobs,
                    publicBaseUrl(op.config().bindHost(), publicPort));
            RateSampler sampler = new RateSampler();
            sampler.sample(op.now(), DashboardRoutes.totals(ctx));
            vertx.setPeriodic(RateSampler.INTERVAL_MS, id -> sampler.sample(op.now(), DashboardRoutes.totals(ctx)));
            s.server = vertx.createHttpServer(new HttpServerOptions().setHost(settings.bindHost()).setPort(settings.port())
                            .setIdleTimeout(120).setIdleTimeoutUnit(TimeUnit.SECONDS))
                    .requestHandler(AdminRouter.create(vertx, ctx, sampler, localToken));
            s.server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return s;
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("cannot start the admin listener on " + settings.bindHost() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The public API as seen from this host: the bind address, or loopback when it binds every address. */
    static String publicBaseUrl(String bindHost, int port) {
        String host = bindHost == null || bindHost.isBlank() || bindHost.equals("0.0.0.0") || bindHost.equals("::")
                ? "127.0.0.1" : bindHost;
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return "http://" + host + ":" + port;
    }

    public int port() { return server == null ? -1 : server.actualPort(); }

    /** The admin listener's base URL as reached from this host (loopback when it binds every address). */
    public String baseUrl(String bindHost) { return publicBaseUrl(bindHost, port()); }

    @Override
    public void close() {
        try {
            if (server != null) server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // shutting down anyway
        }
    }
}

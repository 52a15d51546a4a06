package org.openuid.server.api.v2;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import org.openuid.server.http.RequestLog;

/**
 * A small worker pool for the advertiser and data-provider endpoints (identity map, buckets, opt-out status), so
 * that a large batch (thousands of identities, a million buckets) never holds an event loop: envelope opening, JSON
 * parsing, mapping and the encrypted answer all run on a worker thread. The pool has one thread per core (at least
 * two); further requests wait in its queue while the event loops keep serving everything else.
 */
public final class AdvertiserWorkers {
    static final String POOL_NAME = "openuid-advertiser-api";

    private final int size;
    private volatile WorkerExecutor executor;

    public AdvertiserWorkers() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    AdvertiserWorkers(int size) {
        this.size = size;
    }

    /**
     * Runs {@code work} on the pool. The work sends its own response; an exception it throws is answered with a 500
     * that names the request id, with {@code failureMessage}.
     */
    public Handler<RoutingContext> offload(Handler<RoutingContext> work, String failureMessage) {
        return ctx -> executor(ctx.vertx()).executeBlocking(() -> {
            work.handle(ctx);
            return null;
        }, false).onFailure(e -> RequestLog.internalError(ctx, failureMessage, e));
    }

    private WorkerExecutor executor(Vertx vertx) {
        WorkerExecutor e = executor;
        if (e == null) {
            synchronized (this) {
                e = executor;
                if (e == null) {
                    e = vertx.createSharedWorkerExecutor(POOL_NAME, size);
                    executor = e;
                }
            }
        }
        return e;
    }
}

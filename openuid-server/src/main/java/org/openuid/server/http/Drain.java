package org.openuid.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful shutdown: counts requests in flight; once draining, new requests answer 503 with
 * {@code Connection: close} while those already accepted run to completion.
 */
public final class Drain implements Handler<RoutingContext> {
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    @Override
    public void handle(RoutingContext ctx) {
        if (draining) {
            ctx.response().putHeader("Connection", "close");
            Responses.error(ctx, 503, "unknown", "Service unavailable: the node is shutting down");
            return;
        }
        inFlight.incrementAndGet();
        ctx.addEndHandler(v -> inFlight.decrementAndGet());
        ctx.next();
    }

    public boolean draining() { return draining; }

    /** Counts a request admitted without the router ({@link DirectRoutes}); {@link #leave()} when it ends. */
    void enter() { inFlight.incrementAndGet(); }

    void leave() { inFlight.decrementAndGet(); }

    public int inFlight() { return inFlight.get(); }

    /** Stops admitting requests and waits up to {@code timeoutMs} for those in flight. @return true when all finished */
    public boolean drain(long timeoutMs) {
        draining = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return inFlight.get() == 0;
    }
}

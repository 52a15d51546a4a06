package org.openuid.bench.load;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * One kind of request the driver sends. {@link #prepare} builds a pool of distinct valid requests (and checks, with
 * one request whose answer it decrypts, that the operator accepts them); {@link #rebuild} makes new requests whose
 * envelope timestamps are fresh (the operator accepts a request for about two minutes); {@link #requests} hands
 * them out round-robin to the load engine.
 */
abstract class Scenario {
    final String name;
    /** Identities mapped by one request (1 for the token endpoints). */
    final int identitiesPerRequest;
    private volatile ByteBuffer[] pool = new ByteBuffer[0];
    private int cursor;

    Scenario(String name, int identitiesPerRequest) {
        this.name = name;
        this.identitiesPerRequest = identitiesPerRequest;
    }

    /** Builds the first pool and checks one request end to end. */
    abstract void prepare(Setup setup) throws Exception;

    /** Builds a new pool with fresh timestamps (called from a background thread about once a minute). */
    abstract void rebuild(long nowMs) throws Exception;

    /** Whether the requests carry a timestamp that expires, so the pool must be rebuilt while the load runs. */
    boolean expires() {
        return true;
    }

    protected final void publish(byte[][] requests) {
        ByteBuffer[] p = new ByteBuffer[requests.length];
        for (int i = 0; i < requests.length; i++) p[i] = HttpRequests.direct(requests[i]);
        pool = p;
    }

    /** Supplier for the load engine's single thread. */
    final Supplier<ByteBuffer> requests() {
        return () -> {
            ByteBuffer[] p = pool;
            int i = cursor++;
            if (cursor >= p.length) cursor = 0;
            return p[i % p.length].duplicate();
        };
    }
}

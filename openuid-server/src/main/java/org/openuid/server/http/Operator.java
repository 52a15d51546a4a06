package org.openuid.server.http;

import org.openuid.core.crypto.IvSource;
import org.openuid.core.envelope.RequestEnvelope;
import org.openuid.core.service.TokenService;
import org.openuid.server.config.OperatorConfig;
import org.openuid.server.metrics.OperatorMetrics;
import org.openuid.server.state.OperatorState;

import java.util.function.LongSupplier;

/** What every handler needs: configuration, state, the core services, the clock and the randomness source. */
public record Operator(OperatorConfig config, OperatorState state, TokenService tokens, RequestEnvelope envelope,
                       LongSupplier clock, IvSource random, OperatorMetrics metrics) {

    public static Operator create(OperatorConfig config, OperatorState state, LongSupplier clock) {
        IvSource random = IvSource.secure();
        return new Operator(config, state, new TokenService(config.identityScope(), config.identityV3(), random),
                new RequestEnvelope(config.identityScope()), clock, random, new OperatorMetrics(state, clock));
    }

    public long now() { return clock.getAsLong(); }
}

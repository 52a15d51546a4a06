package org.openuid.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.envelope.EnvelopeException;
import org.openuid.core.envelope.OpenedRequest;
import org.openuid.core.envelope.ResponseEnvelope;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.Role;
import org.openuid.core.service.Snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * One authenticated, enveloped v2/v3 exchange (spec encryption.md §1, endpoints.md §1.2-1.3): the API key is
 * checked before the body is looked at; only 200 answers are encrypted, with the request's nonce.
 */
public final class V2Call {
    private final RoutingContext ctx;
    private final Operator op;
    private final Snapshot snapshot;
    private final ClientKey client;
    private final OpenedRequest request;
    private final ObjectNode payload;

    private V2Call(RoutingContext ctx, Operator op, Snapshot snapshot, ClientKey client, OpenedRequest request, ObjectNode payload) {
        this.ctx = ctx;
        this.op = op;
        this.snapshot = snapshot;
        this.client = client;
        this.request = request;
        this.payload = payload;
    }

    /**
     * Authenticates and opens the envelope. On failure the error response has been sent and null is returned.
     */
    public static V2Call open(RoutingContext ctx, Operator op, Set<Role> roles) {
        Snapshot snapshot = op.state().snapshot();
        Optional<ClientKey> client = snapshot.authenticator().fromAuthorizationHeader(ctx.request().getHeader("Authorization"));
        if (client.isEmpty() || client.get().disabled() || !client.get().hasAnyRole(roles)) {
            Responses.unauthorized(ctx);
            return null;
        }
        String trace = ctx.request().getHeader("X-Amzn-Trace-Id");
        if (trace != null) ctx.response().putHeader("X-Amzn-Trace-Id", trace);
        String contentType = ctx.request().getHeader("Content-Type");
        boolean octet = contentType != null && contentType.trim().equalsIgnoreCase(Responses.OCTET_STREAM);
        OpenedRequest opened;
        try {
            opened = op.envelope().open(Responses.body(ctx), octet, client.get().secret(), op.now());
        } catch (EnvelopeException e) {
            Responses.clientError(ctx, e.getMessage());
            return null;
        }
        ObjectNode payload = opened.payload() == null ? null : Json.parseObject(opened.payload());
        ctx.put(RequestLog.CLIENT_KEY_ID, client.get().keyId());
        return new V2Call(ctx, op, snapshot, client.get(), opened, payload);
    }

    public Snapshot snapshot() { return snapshot; }

    public ClientKey client() { return client; }

    /** The decrypted request object, or null when the request carried no JSON. */
    public ObjectNode payload() { return payload; }

    public RoutingContext context() { return ctx; }

    /** Encrypted 200 with {"status":"success","body":<bodyJson>}. */
    public void success(String bodyJson) {
        respond("{\"body\":" + bodyJson + ",\"status\":\"success\"}");
    }

    /** Encrypted 200 with only a status, e.g. optout. */
    public void status(String status) {
        respond("{\"status\":" + Json.quote(status) + "}");
    }

    private void respond(String json) {
        byte[] blob = ResponseEnvelope.seal(client.secret(), op.now(), request.nonce(),
                json.getBytes(StandardCharsets.UTF_8), op.random());
        Responses.encrypted(ctx, blob, request.binary());
    }
}

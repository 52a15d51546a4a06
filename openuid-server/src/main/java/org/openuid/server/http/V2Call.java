package org.openuid.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.envelope.EnvelopeException;
import org.openuid.core.envelope.OpenedRequest;
import org.openuid.core.envelope.RequestEnvelope;
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
    /** Header names with a precomputed hash (looked up on every request). */
    private static final CharSequence TRACE_ID = HttpHeaders.createOptimized("X-Amzn-Trace-Id");

    private final Exchange x;
    private final Operator op;
    private final Snapshot snapshot;
    private final ClientKey client;
    private final OpenedRequest request;
    private ObjectNode payload;
    private boolean parsed;

    private V2Call(Exchange x, Operator op, Snapshot snapshot, ClientKey client, OpenedRequest request) {
        this.x = x;
        this.op = op;
        this.snapshot = snapshot;
        this.client = client;
        this.request = request;
    }

    /**
     * Authenticates and opens the envelope. On failure the error response has been sent and null is returned.
     */
    public static V2Call open(RoutingContext ctx, Operator op, Set<Role> roles) {
        return open(Exchange.of(ctx), op, roles);
    }

    /** The same for an exchange, routed or served directly ({@link DirectRoutes}). */
    public static V2Call open(Exchange x, Operator op, Set<Role> roles) {
        return open(x, op, roles, true);
    }

    /**
     * The same, but the payload is checked to be one JSON object by {@link #objectFields}, in the pass that reads its
     * fields, instead of in a pass of its own here. The caller must call {@link #objectFields} (or {@link #objectArrays})
     * first.
     */
    public static V2Call openForFields(Exchange x, Operator op, Set<Role> roles) {
        return open(x, op, roles, false);
    }

    private static V2Call open(Exchange x, Operator op, Set<Role> roles, boolean checkJson) {
        Snapshot snapshot = op.state().snapshot();
        HttpServerRequest req = x.request();
        Optional<ClientKey> client = snapshot.authenticator().fromAuthorizationHeader(req.getHeader(HttpHeaders.AUTHORIZATION));
        if (client.isEmpty() || client.get().disabled() || !client.get().hasAnyRole(roles)) {
            Responses.unauthorized(x.response());
            return null;
        }
        String trace = req.getHeader(TRACE_ID);
        if (trace != null) x.response().putHeader(TRACE_ID, trace);
        String contentType = req.getHeader(HttpHeaders.CONTENT_TYPE);
        boolean octet = contentType != null && contentType.trim().equalsIgnoreCase(Responses.OCTET_STREAM);
        OpenedRequest opened;
        try {
            opened = op.envelope().open(x.body(), octet, client.get().secret(), op.now(), checkJson);
        } catch (EnvelopeException e) {
            Responses.clientError(x.response(), e.getMessage());
            return null;
        }
        if (checkJson) x.clientKeyId(client.get().keyId());
        return new V2Call(x, op, snapshot, client.get(), opened);
    }

    public Snapshot snapshot() { return snapshot; }

    public ClientKey client() { return client; }

    /** The decrypted request object, or null when the request carried no JSON. Parsed into a tree on first use. */
    public ObjectNode payload() {
        if (!parsed) {
            payload = request.payload() == null ? null : Json.parseObject(request.payload());
            parsed = true;
        }
        return payload;
    }

    /** The decrypted request bytes, or null when the request carried no JSON (not to be modified). */
    public byte[] payloadBytes() {
        return request.payload();
    }

    /**
     * Selected top-level fields of the request object read without building a tree ({@link Json#scalarFields}), for
     * endpoints that need only a few scalars; all null when the request carried no JSON.
     */
    public String[] fields(String[] names) {
        return Json.scalarFields(request.payload(), names);
    }

    /**
     * For a call from {@link #openForFields}: the fields as {@link #fields} reads them, or, when the payload is not one
     * JSON object, null after the 400 that opening would have answered.
     */
    public String[] objectFields(String[] names) {
        String[] values = Json.objectFields(request.payload(), names);
        if (values == null) {
            Responses.clientError(x.response(), RequestEnvelope.PAYLOAD_NOT_JSON);
            return null;
        }
        x.clientKeyId(client.keyId());
        return values;
    }

    /** The routing context, or null when the request was served without the router. */
    public RoutingContext context() { return x.context(); }

    public Exchange exchange() { return x; }

    /**
     * For a call from {@link #openForFields}: the DII arrays of the payload ({@link DiiArrays#parseObject}; null when
     * the request carried no JSON), or, when the payload is not one JSON object, {@link DiiArrays#NOT_AN_OBJECT} after
     * the 400 that opening would have answered.
     */
    public DiiArrays objectArrays() {
        DiiArrays arrays = DiiArrays.parseObject(request.payload());
        if (arrays == DiiArrays.NOT_AN_OBJECT) {
            Responses.clientError(x.response(), RequestEnvelope.PAYLOAD_NOT_JSON);
            return arrays;
        }
        x.clientKeyId(client.keyId());
        return arrays;
    }

    /** Encrypted 200 with {"status":"success","body":<bodyJson>}. */
    public void success(String bodyJson) {
        respond("{\"body\":" + bodyJson + ",\"status\":\"success\"}");
    }

    /**
     * A buffer for the body of a large encrypted 200, with {@code {"body":} already written and room for the envelope,
     * so that {@link #success(JsonBytes)} seals it where it is instead of copying it.
     *
     * @param expectedBytes expected length of the body JSON (the buffer grows past it)
     */
    public JsonBytes successBody(int expectedBytes) {
        JsonBytes out = new JsonBytes(ResponseEnvelope.HEADROOM, expectedBytes + 32 + ResponseEnvelope.TAILROOM);
        out.ascii("{\"body\":");
        return out;
    }

    /** Encrypted 200 with {"body":<what was written after successBody>,"status":"success"}. */
    public void success(JsonBytes body) {
        body.ascii(",\"status\":\"success\"}");
        body.ensure(ResponseEnvelope.TAILROOM);
        int n = ResponseEnvelope.sealInPlace(client.secret(), op.now(), request.nonce(), body.array(), body.length(), op.random());
        Responses.encrypted(x.response(), body.array(), n, request.binary());
    }

    /** Encrypted 200 with only a status, e.g. optout. */
    public void status(String status) {
        respond("{\"status\":" + Json.quote(status) + "}");
    }

    private void respond(String json) {
        byte[] blob = ResponseEnvelope.seal(client.secret(), op.now(), request.nonce(),
                json.getBytes(StandardCharsets.UTF_8), op.random());
        Responses.encrypted(x.response(), blob, blob.length, request.binary());
    }
}

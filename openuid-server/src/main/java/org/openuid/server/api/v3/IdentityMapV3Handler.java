package org.openuid.server.api.v3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.model.Role;
import org.openuid.core.service.IdentityMapService;
import org.openuid.core.service.IdentityMapping;
import org.openuid.core.uid.HashScratch;
import org.openuid.server.http.DiiArrays;
import org.openuid.server.http.DiiValues;
import org.openuid.server.http.Exchange;
import org.openuid.server.http.JsonBytes;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;
import org.openuid.server.http.V2Call;
import org.openuid.server.metrics.OperatorMetrics;

import java.util.Set;

/**
 * POST /v3/identity/map (spec endpoints.md §8): any mix of the four kinds, parsed strictly; the answer always has
 * all four arrays, index-aligned with the request, each element {@code {"u","p","r"}} (with an explicit
 * {@code "p":null}) or {@code {"e"}}. A binary request is answered in binary. Runs on
 * {@link org.openuid.server.api.v2.AdvertiserWorkers}.
 */
public final class IdentityMapV3Handler implements Handler<RoutingContext> {
    static final String ONE_OR_MORE =
            "Required Parameter Missing: one or more of [email, email_hash, phone, phone_hash] must be specified";
    static final String ONE_OR_MORE_NO_PHONE =
            "Required Parameter Missing: one or more of [email, email_hash] must be specified";
    static final String INCORRECT_FORMAT = "Incorrect request format";

    private final Operator op;
    private final IdentityMapService service;

    public IdentityMapV3Handler(Operator op) {
        this.op = op;
        this.service = new IdentityMapService(op.tokens());
    }

    /** The validated request: the inputs per kind (index = {@link DiiKind#ordinal()}), or an error. */
    record Request(DiiValues[] values, String error) {
        static Request parse(ObjectNode payload, boolean phoneSupport) {
            return parse(DiiArrays.of(payload), phoneSupport);
        }

        /** From a request's arrays ({@link DiiArrays}; null when the request is not a JSON object). */
        static Request parse(DiiArrays payload, boolean phoneSupport) {
            if (payload == null || payload.fields() == 0) return new Request(null, phoneSupport ? ONE_OR_MORE : ONE_OR_MORE_NO_PHONE);
            if (payload.hasOtherField()) return new Request(null, INCORRECT_FORMAT);
            DiiValues[] values = new DiiValues[DiiKind.all().length];
            for (DiiKind k : DiiKind.all()) {
                if (payload.notArray(k)) return new Request(null, INCORRECT_FORMAT);
                DiiValues v = payload.values(k);
                if (v != null && v.hasNonScalar()) return new Request(null, INCORRECT_FORMAT);
                values[k.ordinal()] = v;
            }
            return new Request(values, null);
        }

        /** Number of inputs of {@code kind}. */
        int size(DiiKind kind) {
            DiiValues v = values[kind.ordinal()];
            return v == null ? 0 : v.size();
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        // the payload's JSON object check happens in the pass that reads the arrays
        V2Call call = V2Call.openForFields(Exchange.of(ctx), op, Set.of(Role.MAPPER));
        if (call == null) return;
        DiiArrays arrays = call.objectArrays();
        if (arrays == DiiArrays.NOT_AN_OBJECT) return;
        Request request = Request.parse(arrays, op.config().enablePhoneSupport());
        if (request.error() != null) {
            Responses.clientError(ctx, request.error());
            return;
        }
        IdentityMapService.Mapper mapper = service.mapper(call.snapshot(), op.state().optOuts(), op.now());
        int total = 0;
        for (DiiKind k : DiiKind.all()) total += request.size(k);
        HashScratch scratch = HashScratch.current();
        JsonBytes body = call.successBody(96 + total * 120);
        body.ascii('{');
        int mappedCount = 0;
        IdentityMapping[] mappings = new IdentityMapping[0];
        for (DiiKind k : DiiKind.all()) {
            if (k.ordinal() > 0) body.ascii(',');
            body.ascii('"').ascii(k.field).ascii("\":[");
            DiiValues values = request.values()[k.ordinal()];
            int n = request.size(k);
            if (mappings.length < n) mappings = new IdentityMapping[n];
            if (n > 0) mapper.mapAll(values.inputs(k), n, true, scratch, mappings);
            for (int i = 0; i < n; i++) {
                if (i > 0) body.ascii(',');
                IdentityMapping m = mappings[i];
                if (m instanceof IdentityMapping.Mapped ok) {
                    mappedCount++;
                    body.ascii("{\"u\":").base64(ok.rawUid()).ascii(",\"p\":");
                    if (ok.previousRawUid() == null) body.ascii("null");
                    else body.base64(ok.previousRawUid());
                    body.ascii(",\"r\":").number(ok.refreshFromMs() / 1000).ascii('}');
                } else {
                    body.ascii("{\"e\":").string(((IdentityMapping.Unmapped) m).reason()).ascii('}');
                }
            }
            body.ascii(']');
        }
        body.ascii('}');
        op.metrics().count(OperatorMetrics.Event.IDENTITY_MAPPED, call.client().siteId(), mappedCount);
        call.success(body);
    }
}

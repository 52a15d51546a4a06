package org.openuid.server.api.v3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.model.Role;
import org.openuid.core.service.IdentityMapService;
import org.openuid.core.service.IdentityMapping;
import org.openuid.core.uid.HashScratch;
import org.openuid.server.http.Json;
import org.openuid.server.http.JsonBytes;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;
import org.openuid.server.http.V2Call;
import org.openuid.server.metrics.OperatorMetrics;

import java.util.Iterator;
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

    /** The validated request: the input text per kind (index = {@link DiiKind#ordinal()}), or an error. */
    record Request(String[][] values, String error) {
        static Request parse(ObjectNode payload, boolean phoneSupport) {
            if (payload == null || payload.isEmpty()) return new Request(null, phoneSupport ? ONE_OR_MORE : ONE_OR_MORE_NO_PHONE);
            for (Iterator<String> names = payload.fieldNames(); names.hasNext(); ) {
                if (kindOf(names.next()) == null) return new Request(null, INCORRECT_FORMAT);
            }
            String[][] values = new String[DiiKind.all().length][];
            for (DiiKind k : DiiKind.all()) {
                JsonNode v = payload.get(k.field);
                if (v == null || v.isNull()) {
                    values[k.ordinal()] = new String[0];
                    continue;
                }
                if (!v.isArray()) return new Request(null, INCORRECT_FORMAT);
                String[] texts = new String[v.size()];
                for (int i = 0; i < texts.length; i++) {
                    String text = Json.scalarText(v.get(i));
                    if (text == null) return new Request(null, INCORRECT_FORMAT);
                    texts[i] = text;
                }
                values[k.ordinal()] = texts;
            }
            return new Request(values, null);
        }

        private static DiiKind kindOf(String field) {
            for (DiiKind k : DiiKind.all()) if (k.field.equals(field)) return k;
            return null;
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        V2Call call = V2Call.open(ctx, op, Set.of(Role.MAPPER));
        if (call == null) return;
        Request request = Request.parse(call.payload(), op.config().enablePhoneSupport());
        if (request.error() != null) {
            Responses.clientError(ctx, request.error());
            return;
        }
        IdentityMapService.Mapper mapper = service.mapper(call.snapshot(), op.state().optOuts(), op.now());
        int total = 0;
        for (String[] v : request.values()) total += v.length;
        HashScratch scratch = HashScratch.current();
        JsonBytes body = call.successBody(96 + total * 120);
        body.ascii('{');
        int mappedCount = 0;
        for (DiiKind k : DiiKind.all()) {
            if (k.ordinal() > 0) body.ascii(',');
            body.ascii('"').ascii(k.field).ascii("\":[");
            String[] values = request.values()[k.ordinal()];
            for (int i = 0; i < values.length; i++) {
                if (i > 0) body.ascii(',');
                IdentityMapping m = mapper.map(k, values[i], true, scratch);
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

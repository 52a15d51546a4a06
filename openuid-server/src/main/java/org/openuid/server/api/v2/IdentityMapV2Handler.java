package org.openuid.server.api.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.model.Role;
import org.openuid.core.service.IdentityMapService;
import org.openuid.core.service.IdentityMapping;
import org.openuid.core.uid.BucketIdEncoder;
import org.openuid.core.uid.HashScratch;
import org.openuid.server.http.DiiArrays;
import org.openuid.server.http.DiiInput;
import org.openuid.server.http.DiiValues;
import org.openuid.server.http.Exchange;
import org.openuid.server.http.JsonBytes;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;
import org.openuid.server.http.V2Call;
import org.openuid.server.metrics.OperatorMetrics;

import java.util.Set;

/**
 * POST /v2/identity/map (spec endpoints.md §7): one kind of identity per request, each element mapped to its raw UID
 * and bucket id or unmapped; {@code identifier} echoes the element exactly as sent; {@code unmapped} is left out
 * when empty. With {@code validate_service_links}, a service key's {@code link_id} is checked ({@link ServiceLinkCheck}).
 * Runs on {@link AdvertiserWorkers}.
 */
public final class IdentityMapV2Handler implements Handler<RoutingContext> {
    /** The literals written once per mapped identity, as bytes so that each is one array copy. */
    private static final byte[] FIRST_MAPPED = ascii("{\"identifier\":");
    private static final byte[] NEXT_MAPPED = ascii(",{\"identifier\":");
    private static final byte[] ADVERTISING_ID = ascii(",\"advertising_id\":");
    private static final byte[] BUCKET_ID = ascii(",\"bucket_id\":");

    private final Operator op;
    private final IdentityMapService service;

    public IdentityMapV2Handler(Operator op) {
        this.op = op;
        this.service = new IdentityMapService(op.tokens());
    }

    /** The validated request: the one kind with a non-empty array (null when every array is empty), or an error. */
    public record Request(DiiKind kind, DiiValues values, String error) {
        public static Request parse(ObjectNode payload, boolean phoneSupport) {
            return parse(DiiArrays.of(payload), phoneSupport);
        }

        /** From a request's arrays ({@link DiiArrays}; null when the request is not a JSON object). */
        public static Request parse(DiiArrays payload, boolean phoneSupport) {
            String missing = DiiInput.missing(phoneSupport);
            if (payload == null) return new Request(null, null, missing);
            boolean anyPresent = false;
            for (DiiKind k : DiiKind.all()) {
                if (!phoneSupport && k.type == IdentityType.PHONE) continue;
                if (payload.notArray(k)) return new Request(null, null, k.field + " must be an array");
                if (payload.values(k) != null) anyPresent = true;
            }
            if (!anyPresent) return new Request(null, null, missing);
            DiiKind kind = null;
            for (DiiKind k : DiiKind.all()) {
                if (!phoneSupport && k.type == IdentityType.PHONE) continue;
                DiiValues v = payload.values(k);
                if (v == null || v.isEmpty()) continue;
                if (kind != null) return new Request(null, null, DiiInput.moreThanOne(phoneSupport));
                kind = k;
            }
            return new Request(kind, kind == null ? null : payload.values(kind), null);
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
        if (request.kind() == null) {
            call.success("{\"mapped\":[]}");
            return;
        }
        if (!ServiceLinkCheck.passes(op.config().validateServiceLinks(), call)) {
            Responses.error(ctx, 401, "unauthorized", ServiceLinkCheck.MESSAGE);
            return;
        }
        IdentityMapService.Mapper mapper = service.mapper(call.snapshot(), op.state().optOuts(), op.now());
        JsonBytes body = call.successBody(answerBytes(request));
        int mapped = map(request, mapper, body);
        op.metrics().count(OperatorMetrics.Event.IDENTITY_MAPPED, call.client().siteId(), mapped);
        call.success(body);
    }

    /**
     * About how long the answer to a request is: 160 bytes per identity, what a mapped email hash adds (the buffer
     * grows for longer ones).
     */
    public static int answerBytes(Request request) {
        return 64 + request.values().size() * 160;
    }

    /**
     * Maps a validated request with a non-null kind (shared with the v1 POST API): appends the answer
     * ({"mapped":[...],"unmapped":[...]}) to {@code out}.
     *
     * @return how many identities were mapped
     */
    public static int map(Request request, IdentityMapService.Mapper mapper, JsonBytes out) {
        DiiKind kind = request.kind();
        DiiValues values = request.values();
        IdentityMapping[] mappings = new IdentityMapping[values.size()];
        mapper.mapAll(values.inputs(kind), values.size(), false, HashScratch.current(), mappings);
        BucketIdEncoder bucketIds = mapper.bucketIds();
        JsonBytes unmapped = null;
        int mappedCount = 0;
        out.ascii("{\"mapped\":[");
        for (int i = 0; i < mappings.length; i++) {
            IdentityMapping m = mappings[i];
            if (m instanceof IdentityMapping.Mapped ok) {
                out.ascii(mappedCount++ == 0 ? FIRST_MAPPED : NEXT_MAPPED);
                values.writeIdentifier(i, out);
                out.ascii(ADVERTISING_ID).base64(ok.rawUid())
                        .ascii(BUCKET_ID).bucketId(bucketIds, mapper.bucketNumber(ok)).ascii('}');
            } else {
                if (unmapped == null) unmapped = new JsonBytes(0, 256);
                unmapped.ascii(unmapped.isEmpty() ? "{\"identifier\":" : ",{\"identifier\":");
                values.writeIdentifier(i, unmapped);
                unmapped.ascii(",\"reason\":").string(((IdentityMapping.Unmapped) m).reason()).ascii('}');
            }
        }
        out.ascii(']');
        if (unmapped != null) out.ascii(",\"unmapped\":[").append(unmapped).ascii(']');
        out.ascii('}');
        return mappedCount;
    }

    private static byte[] ascii(String literal) {
        return literal.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}

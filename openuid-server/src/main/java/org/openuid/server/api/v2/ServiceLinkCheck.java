package org.openuid.server.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import org.openuid.core.model.Role;
import org.openuid.server.http.V2Call;

/**
 * The service-link check of {@code /v2/identity/map} (spec keys-and-data.md §9, endpoints.md §7 rule 5), on when
 * {@code validate_service_links} is: a request of a client key with a service id that names a {@code link_id} needs an
 * enabled link of that service with role MAPPER. Requests without {@code link_id} (or with {@code null}) and keys
 * without a service pass.
 */
final class ServiceLinkCheck {
    static final String MESSAGE = "Invalid link_id";

    private ServiceLinkCheck() {}

    /** Whether the request may be answered. */
    static boolean passes(boolean enabled, V2Call call) {
        int serviceId = call.client().serviceId();
        if (!enabled || serviceId == 0) return true;
        JsonNode link = call.payload() == null ? null : call.payload().get("link_id");
        if (link == null || link.isNull()) return true;
        return link.isTextual() && call.snapshot().serviceLinks().allows(serviceId, link.asText(), Role.MAPPER);
    }
}

package org.openuid.server.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.server.api.DocsApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI description served at {@code /openapi.json} (resource {@value DocsApi#DESCRIPTION}), read for tests:
 * its operations with the listener(s) serving them, and where in the document the schema of an answer is.
 */
public final class OpenApiDescription {
    public static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One operation: upper-case method, path, listeners ({@code public}, {@code ops}), its setting, roles. */
    public record Operation(String method, String path, Set<String> listeners, String enabledBy, List<String> roles, JsonNode node) {
        public String key() { return method + " " + path; }
    }

    public final JsonNode root;

    private OpenApiDescription(JsonNode root) { this.root = root; }

    public static OpenApiDescription load() {
        try {
            return new OpenApiDescription(new ObjectMapper().readTree(DocsApi.resource(DocsApi.DESCRIPTION)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            JsonNode servers = p.getValue().has("servers") ? p.getValue().get("servers") : root.get("servers");
            Set<String> listeners = new LinkedHashSet<>();
            servers.forEach(s -> listeners.add(s.path("x-openuid-listener").asText("?")));
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> o = ops.next();
                if (!METHODS.contains(o.getKey())) continue;
                List<String> roles = new ArrayList<>();
                o.getValue().path("x-openuid-roles").forEach(r -> roles.add(r.asText()));
                String enabledBy = o.getValue().has("x-openuid-enabled-by") ? o.getValue().get("x-openuid-enabled-by").asText() : null;
                out.add(new Operation(o.getKey().toUpperCase(java.util.Locale.ROOT), p.getKey(), listeners, enabledBy, roles, o.getValue()));
            }
        }
        return out;
    }

    /** Escapes one JSON pointer segment. */
    public static String segment(String s) {
        return s.replace("~", "~0").replace("/", "~1");
    }

    /**
     * The JSON pointer (without '#') to the schema of the answer {@code status} with {@code mediaType} of an operation,
     * following a {@code $ref} to a shared response; null when the description has no such answer.
     */
    public String responseSchemaPointer(String method, String path, int status, String mediaType) {
        String op = "/paths/" + segment(path) + "/" + method.toLowerCase(java.util.Locale.ROOT);
        String pointer = op + "/responses/" + status;
        JsonNode response = root.at(pointer);
        if (response.isMissingNode()) return null;
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = root.at(pointer);
        }
        String schema = pointer + "/content/" + segment(mediaType) + "/schema";
        return root.at(schema).isMissingNode() ? null : schema;
    }

    /** Every {@code $ref} in the document that does not point at a node of it. */
    public List<String> unresolvedRefs() {
        List<String> out = new ArrayList<>();
        collectRefs(root, out);
        return out;
    }

    private void collectRefs(JsonNode n, List<String> out) {
        if (n.isObject()) {
            JsonNode ref = n.get("$ref");
            if (ref != null && ref.isTextual() && (!ref.asText().startsWith("#/") || root.at(ref.asText().substring(1)).isMissingNode()))
                out.add(ref.asText());
            n.forEach(c -> collectRefs(c, out));
        } else if (n.isArray()) {
            n.forEach(c -> collectRefs(c, out));
        }
    }
}

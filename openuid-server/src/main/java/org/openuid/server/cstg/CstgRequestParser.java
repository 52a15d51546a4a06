package org.openuid.server.cstg;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.openuid.core.cstg.CstgRequest;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * Parses the plain JSON body of {@code /v2/token/client-generate} (spec encryption.md §4.2, endpoints.md §4.1
 * rows 1-3). Strict: unknown top-level fields, a {@code timestamp} that is not a whole number (or a string of
 * one) and object or array values are "json payload is not valid" (400). Other scalar values of string fields
 * are read as their JSON text; JSON null counts as absent.
 */
public final class CstgRequestParser {
    public static final String NOT_FOUND = "json payload expected but not found";
    public static final String NOT_VALID = "json payload is not valid";

    private static final Set<String> FIELDS = Set.of("payload", "iv", "public_key", "timestamp", "subscription_id", "app_name");
    private static final ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CstgRequestParser() {}

    /** Either a request or the client-error message to answer. */
    public record Result(CstgRequest request, String error) {
        static Result error(String message) { return new Result(null, message); }
    }

    public static Result parse(byte[] body) {
        if (isBlank(body)) return Result.error(NOT_FOUND);
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (IOException e) {
            return Result.error(NOT_VALID);
        }
        if (root == null || root.isMissingNode() || root.isNull()) return Result.error(NOT_FOUND);
        if (!root.isObject()) return Result.error(NOT_VALID);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            if (!FIELDS.contains(it.next())) return Result.error(NOT_VALID);
        }
        for (String f : FIELDS) {
            JsonNode v = root.get(f);
            if (v != null && v.isContainerNode()) return Result.error(NOT_VALID);
        }
        Long timestamp = timestamp(root.get("timestamp"));
        if (timestamp == null) return Result.error(NOT_VALID);
        return new Result(new CstgRequest(text(root, "payload"), text(root, "iv"), text(root, "public_key"), timestamp,
                text(root, "subscription_id"), text(root, "app_name")), null);
    }

    /** Absent or null → 0; a whole number in the long range, or a string holding one; else null (invalid). */
    private static Long timestamp(JsonNode n) {
        if (n == null || n.isNull()) return 0L;
        if (n.isIntegralNumber()) return n.canConvertToLong() ? n.longValue() : null;
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) return null;
        return n.isTextual() ? n.textValue() : n.toString();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) if (b != ' ' && b != '\t' && b != '\r' && b != '\n') return false;
        return true;
    }
}

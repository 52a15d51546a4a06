package org.openuid.store.importing;

import com.fasterxml.jackson.databind.JsonNode;
import org.openuid.core.model.Role;

import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Typed reads of the fields of one upstream JSON entry. {@code ctx} names the entry in messages ("sites.json entry
 * 3"); a message names the field, never its value.
 */
final class JsonFields {
    private JsonFields() {}

    static String text(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    static String requiredText(JsonNode n, String field, String ctx) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isEmpty())
            throw new ImportException(ctx + ": missing " + field);
        return v.asText();
    }

    static boolean bool(JsonNode n, String field, boolean fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : v.asBoolean(fallback);
    }

    static int requiredInt(JsonNode n, String field, String ctx) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) throw new ImportException(ctx + ": missing or invalid " + field);
        return v.asInt();
    }

    static int intValue(JsonNode n, String field, int fallback, String ctx) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : requiredInt(n, field, ctx);
    }

    static long requiredLong(JsonNode n, String field, String ctx) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) throw new ImportException(ctx + ": missing or invalid " + field);
        return v.asLong();
    }

    static long longValue(JsonNode n, String field, long fallback, String ctx) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : requiredLong(n, field, ctx);
    }

    static Long optionalLong(JsonNode n, String field, String ctx) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : requiredLong(n, field, ctx);
    }

    static List<String> strings(JsonNode n, String field, String ctx) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw new ImportException(ctx + ": " + field + " is not an array");
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode s : v) out.add(s.asText());
        return out;
    }

    /** Decodes a Base64 field; the message never contains the value. */
    static byte[] base64(JsonNode n, String field, String ctx) {
        String text = requiredText(n, field, ctx);
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ImportException(ctx + ": " + field + " is not valid Base64");
        }
    }

    /** The known roles of a {@code roles} array (unknown names dropped; absent = none). */
    static Set<Role> roles(JsonNode n) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        JsonNode roleNodes = n.get("roles");
        if (roleNodes != null && roleNodes.isArray()) {
            for (JsonNode r : roleNodes) {
                Role role = Role.parse(r.asText());
                if (role != Role.UNKNOWN) roles.add(role);
            }
        }
        return roles;
    }
}

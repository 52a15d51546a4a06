package org.openuid.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import org.openuid.server.http.Json;
import org.openuid.server.manage.AdminPrincipal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One admin API request: the authenticated principal, path and query parameters, and the JSON body with typed,
 * validating accessors. Every validation failure is an {@link AdminException} with status 400 and a message that
 * names the field.
 */
public final class AdminRequest {
    private final RoutingContext ctx;
    private ObjectNode body;

    AdminRequest(RoutingContext ctx) { this.ctx = ctx; }

    public AdminPrincipal principal() { return ctx.get(AdminAuth.PRINCIPAL_KEY); }

    public String path(String name) { return ctx.pathParam(name); }

    /** A numeric path id; a value that is not a whole number is 404 (no such object). */
    public int pathInt(String name, String what) {
        String v = ctx.pathParam(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw AdminException.notFound(what + " '" + v + "' does not exist");
        }
    }

    public String query(String name) { return ctx.request().getParam(name); }

    /** A whole-number query parameter within [min, max], or {@code dflt} when absent. */
    public long queryLong(String name, long dflt, long min, long max) {
        String v = query(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) throw AdminException.badRequest(name + " must be between " + min + " and " + max + ", got " + n);
            return n;
        } catch (NumberFormatException e) {
            throw AdminException.badRequest(name + " must be a whole number, got '" + v + "'");
        }
    }

    /** An optional id filter: an int query parameter, or null when absent. */
    public Integer queryId(String name) {
        long v = queryLong(name, Long.MIN_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return v == Long.MIN_VALUE ? null : (int) v;
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public ObjectNode body() {
        if (body != null) return body;
        byte[] bytes = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            body = Json.mapper().createObjectNode();
            return body;
        }
        ObjectNode parsed = Json.parseObject(bytes);
        if (parsed == null) throw AdminException.badRequest("the request body must be a JSON object");
        body = parsed;
        return body;
    }

    /** Rejects fields other than {@code allowed} (catches misspelt field names). */
    public AdminRequest allowOnly(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = body().fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) throw AdminException.badRequest("unknown field '" + f + "': expected " + String.join(", ", allowed));
        }
        return this;
    }

    public boolean has(String field) {
        JsonNode n = body().get(field);
        return n != null;
    }

    public String requiredString(String field) {
        String s = optionalString(field);
        if (s == null || s.isBlank()) throw AdminException.badRequest(field + " is required");
        return s;
    }

    public String optionalString(String field) {
        JsonNode n = body().get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw AdminException.badRequest(field + " must be a string");
        return n.textValue();
    }

    public Boolean optionalBoolean(String field) {
        JsonNode n = body().get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isBoolean()) throw AdminException.badRequest(field + " must be true or false");
        return n.booleanValue();
    }

    public int requiredInt(String field) {
        Integer v = optionalInt(field);
        if (v == null) throw AdminException.badRequest(field + " is required");
        return v;
    }

    public Integer optionalInt(String field) {
        JsonNode n = body().get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw AdminException.badRequest(field + " must be a whole number");
        return n.intValue();
    }

    public Double optionalDouble(String field) {
        JsonNode n = body().get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isNumber()) throw AdminException.badRequest(field + " must be a number");
        return n.doubleValue();
    }

    /** A list of strings, or null when the field is absent or null. */
    public List<String> stringList(String field) {
        JsonNode n = body().get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw AdminException.badRequest(field + " must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) throw AdminException.badRequest(field + " must be an array of strings");
            out.add(e.textValue());
        }
        return out;
    }

    /** A list of whole numbers, or null when the field is absent or null. */
    public List<Integer> intList(String field) {
        JsonNode n = body().get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw AdminException.badRequest(field + " must be an array of whole numbers");
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isIntegralNumber() || !e.canConvertToInt()) throw AdminException.badRequest(field + " must be an array of whole numbers");
            out.add(e.intValue());
        }
        return out;
    }

    /** True when the field is present with a JSON null (e.g. to clear an allow-list). */
    public boolean isExplicitNull(String field) {
        JsonNode n = body().get(field);
        return n != null && n.isNull();
    }
}

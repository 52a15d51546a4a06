package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.Role;
import org.openuid.core.model.Site;
import org.openuid.server.http.Json;
import org.openuid.server.manage.AuditLog;
import org.openuid.server.manage.SaltService;
import org.openuid.store.AuditEntry;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** JSON views of the administered objects. None includes an API key, client secret, key secret or private key. */
final class AdminViews {
    private AdminViews() {}

    static ObjectNode site(Site s) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("site_id", s.id());
        n.put("name", s.name());
        n.put("enabled", s.enabled());
        strings(n.putArray("domain_names"), s.domainNames());
        strings(n.putArray("app_names"), s.appNames());
        seconds(n, "created", s.created());
        return n;
    }

    static ObjectNode client(ClientKey c) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("key_id", c.keyId());
        n.put("site_id", c.siteId());
        n.put("name", c.name());
        n.put("contact", c.contact());
        roles(n.putArray("roles"), c.roles());
        if (c.serviceId() != 0) n.put("service_id", c.serviceId());
        n.put("disabled", c.disabled());
        seconds(n, "created", c.created());
        return n;
    }

    static ObjectNode keyset(Keyset k, List<KeysetKey> allKeys, long nowSec) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("keyset_id", k.keysetId());
        n.put("site_id", k.siteId());
        n.put("name", k.name());
        if (k.allowedSites() == null) n.putNull("allowed_sites");
        else {
            ArrayNode a = n.putArray("allowed_sites");
            k.allowedSites().forEach(a::add);
        }
        n.put("enabled", k.enabled());
        n.put("default", k.isDefault());
        seconds(n, "created", k.created());
        ArrayNode keys = n.putArray("keys");
        for (KeysetKey key : allKeys) if (key.keysetId() == k.keysetId()) keys.add(key(key, nowSec));
        return n;
    }

    static ObjectNode key(KeysetKey k, long nowSec) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("key_id", k.id());
        n.put("keyset_id", k.keysetId());
        seconds(n, "created", k.created());
        seconds(n, "activates", k.activates());
        seconds(n, "expires", k.expires());
        n.put("state", k.activates() > nowSec ? "pending" : k.expires() <= nowSec ? "expired" : "active");
        return n;
    }

    static ObjectNode keypair(ClientSideKeypair kp) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("subscription_id", kp.subscriptionId());
        n.put("site_id", kp.siteId());
        n.put("name", kp.name());
        n.put("contact", kp.contact());
        n.put("public_key", kp.publicKey());
        n.put("disabled", kp.disabled());
        seconds(n, "created", kp.created());
        return n;
    }

    /** Bucket count, the oldest and newest rotation times and their ages, and the rotation settings. */
    static ObjectNode salts(SaltService.State s, long nowMs) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("buckets", s.buckets());
        if (s.buckets() > 0) {
            out.put("oldest_rotation", Instant.ofEpochMilli(s.oldestRotationMs()).toString());
            out.put("newest_rotation", Instant.ofEpochMilli(s.newestRotationMs()).toString());
            out.put("newest_rotation_age_seconds", (nowMs - s.newestRotationMs()) / 1000);
            out.put("oldest_rotation_age_seconds", (nowMs - s.oldestRotationMs()) / 1000);
        }
        out.put("rotation_enabled", s.settings().enabled());
        out.put("rotation_fraction", s.settings().fraction());
        out.put("rotation_min_age_days", s.settings().minAgeDays());
        return out;
    }

    /**
     * The answer of {@code POST /admin/v1/salts/rotate}: what was asked, how many buckets were old enough and how
     * many rotated, and the {@code note} when the age limit held buckets back.
     */
    static ObjectNode saltRotation(SaltService.Rotation r) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("fraction", r.settings().fraction());
        out.put("min_age_days", r.settings().minAgeDays());
        out.put("buckets", r.result().bucketCount());
        out.put("eligible", r.result().eligibleCount());
        out.put("rotated", r.result().rotatedCount());
        if (r.note() != null) out.put("note", r.note());
        return out;
    }

    /** A page of the audit log: {@code entries} and {@code next_before} (null on the last page). */
    static ObjectNode auditPage(AuditLog.Page page) {
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode list = out.putArray("entries");
        for (AuditEntry e : page.entries()) list.add(auditEntry(e));
        if (page.nextBefore() != null) out.put("next_before", page.nextBefore());
        else out.putNull("next_before");
        return out;
    }

    static ObjectNode auditEntry(AuditEntry e) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("sequence", e.sequence());
        n.put("at", Instant.ofEpochMilli(e.atMs()).toString());
        n.put("at_ms", e.atMs());
        n.put("actor_id", e.actorId());
        n.put("actor_name", e.actorName());
        n.put("operation", e.operation());
        n.put("target_type", e.targetType());
        n.put("target_id", e.targetId());
        try {
            n.set("details", Json.mapper().readTree(e.details()));
        } catch (IOException ex) {
            n.put("details", e.details());
        }
        return n;
    }

    static void strings(ArrayNode a, Collection<String> values) {
        for (String v : values) a.add(v);
    }

    static void roles(ArrayNode a, Collection<Role> roles) {
        for (Role r : Role.values()) if (roles.contains(r)) a.add(r.name());
    }

    /** {@code name} as epoch seconds and {@code name_at} as an ISO-8601 instant. */
    static void seconds(ObjectNode n, String name, long epochSeconds) {
        n.put(name, epochSeconds);
        n.put(name + "_at", Instant.ofEpochSecond(epochSeconds).toString());
    }
}

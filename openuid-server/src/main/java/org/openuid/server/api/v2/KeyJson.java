package org.openuid.server.api.v2;

import org.openuid.core.model.KeysetKey;
import org.openuid.core.service.KeyDownload;
import org.openuid.core.service.Snapshot;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** JSON pieces shared by the key download endpoints (spec endpoints.md §11). */
final class KeyJson {
    private KeyJson() {}

    /** A key object; {@code extraField}/{@code extraValue} add keyset_id or site_id when not null. */
    static void key(StringBuilder sb, KeysetKey k, String extraField, Integer extraValue) {
        sb.append("{\"id\":").append(k.id())
                .append(",\"created\":").append(k.created())
                .append(",\"activates\":").append(k.activates())
                .append(",\"expires\":").append(k.expires())
                .append(",\"secret\":\"").append(Base64.getEncoder().encodeToString(k.secret())).append('"');
        if (extraField != null && extraValue != null) sb.append(",\"").append(extraField).append("\":").append(extraValue);
        sb.append('}');
    }

    static void siteData(StringBuilder sb, Snapshot s, List<KeyDownload.Entry> entries, boolean appNames) {
        TreeMap<Integer, TreeSet<String>> data = KeyDownload.siteData(s, entries, appNames);
        sb.append(",\"site_data\":[");
        boolean first = true;
        for (Map.Entry<Integer, TreeSet<String>> e : data.entrySet()) {
            if (!first) sb.append(',');
            first = false;
            sb.append("{\"id\":").append(e.getKey()).append(",\"domain_names\":[");
            boolean firstName = true;
            for (String n : e.getValue()) {
                if (!firstName) sb.append(',');
                firstName = false;
                sb.append(org.openuid.server.http.Json.quote(n));
            }
            sb.append("]}");
        }
        sb.append(']');
    }
}

package org.openuid.core.model;

import java.util.List;

/** A group of keys owned by a site. {@code allowedSites} null means "no ACL" (readers may download); empty means nobody else. */
public record Keyset(int keysetId, int siteId, String name, List<Integer> allowedSites, long created,
                     boolean enabled, boolean isDefault) {
    public static final int MASTER_KEYSET_ID = -1;
    public static final int REFRESH_KEYSET_ID = -2;
    public static final int FALLBACK_PUBLISHER_KEYSET_ID = 2;
    public static final int FALLBACK_PUBLISHER_SITE_ID = 2;

    public Keyset {
        allowedSites = allowedSites == null ? null : List.copyOf(allowedSites);
    }
}

package org.openuid.server.cstg;

import com.google.common.net.InternetDomainName;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The registrable domain ("eTLD+1") of a host, as the CSTG origin check uses it (spec endpoints.md §4.1 6b):
 * under a public suffix (ICANN or private section of the Public Suffix List bundled with Guava) the top private
 * domain, e.g. {@code www.cstg.co.uk → cstg.co.uk}, {@code foo.github.io → foo.github.io}; {@code localhost}
 * and its direct children → {@code localhost}; anything else (IP addresses, unknown suffixes) → none.
 */
public final class RegistrableDomain {
    private static final String LOCALHOST = "localhost";

    private RegistrableDomain() {}

    /** @return the registrable domain of a host name, or null when it has none */
    public static String ofHost(String host) {
        if (host == null || host.isEmpty()) return null;
        String h = host.toLowerCase(Locale.ROOT);
        if (InternetDomainName.isValid(h)) {
            InternetDomainName name = InternetDomainName.from(h);
            if (name.isUnderPublicSuffix()) return name.topPrivateDomain().toString();
        }
        if (h.equals(LOCALHOST)) return LOCALHOST;
        if (h.endsWith("." + LOCALHOST)) {
            String child = h.substring(0, h.length() - LOCALHOST.length() - 1);
            if (!child.isEmpty() && child.indexOf('.') < 0) return LOCALHOST;
        }
        return null;
    }

    /** @return the registrable domain of an {@code Origin} header value (scheme and port ignored), or null */
    public static String ofOrigin(String origin) {
        if (origin == null) return null;
        try {
            URI uri = new URI(origin.trim());
            if (uri.getScheme() == null) return null;
            return ofHost(uri.getHost());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * A domain name for a site's CSTG allow-list: a host or an origin URL, reduced to its registrable domain.
     *
     * @throws IllegalArgumentException when it has no registrable domain
     */
    public static String normalize(String input) {
        String trimmed = input == null ? "" : input.trim();
        String domain = trimmed.contains("://") ? ofOrigin(trimmed) : ofHost(stripPort(trimmed));
        if (domain == null)
            throw new IllegalArgumentException("'" + trimmed + "' is not a registrable domain name: use a name such as"
                    + " example.com or example.co.uk (a domain under a public suffix), or localhost");
        return domain;
    }

    private static String stripPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
    }
}

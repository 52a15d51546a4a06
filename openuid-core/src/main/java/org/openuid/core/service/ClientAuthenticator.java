package org.openuid.core.service;

import org.openuid.core.model.ClientKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves an API key to its client (spec keys-and-data.md §3): SHA-512(salt ‖ key) compared in constant time
 * with each candidate's stored hash; keys in the upstream format only try the clients of their site. Lookups,
 * positive and negative, are cached per snapshot (a new snapshot starts with an empty cache); the cache is
 * bounded so that random keys cannot grow it without limit.
 */
public final class ClientAuthenticator {
    private static final Pattern KEY_FORMAT = Pattern.compile("(?:UID2|EUID)-[CO]-[LTIP]-([0-9]+)-.{6}\\..{38}");
    private static final int CACHE_LIMIT = 100_000;
    private static final Optional<ClientKey> NONE = Optional.empty();
    private static final ThreadLocal<MessageDigest> SHA512 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final List<ClientKey> all;
    private final Map<Integer, List<ClientKey>> bySite = new HashMap<>();
    private final ConcurrentHashMap<String, Optional<ClientKey>> cache = new ConcurrentHashMap<>();

    public ClientAuthenticator(Collection<ClientKey> clients) {
        this.all = List.copyOf(clients);
        for (ClientKey c : all) bySite.computeIfAbsent(c.siteId(), x -> new ArrayList<>()).add(c);
    }

    /** @return the client owning this API key (enabled or not), or empty */
    public Optional<ClientKey> find(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) return NONE;
        Optional<ClientKey> hit = cache.get(apiKey);
        if (hit != null) return hit;
        Optional<ClientKey> found = Optional.ofNullable(lookup(apiKey));
        if (cache.size() >= CACHE_LIMIT) cache.clear();
        cache.put(apiKey, found);
        return found;
    }

    /** Parses an Authorization header value ("Bearer <key>", scheme case-insensitive) and resolves the key. */
    public Optional<ClientKey> fromAuthorizationHeader(String header) {
        String key = bearerKey(header);
        return key == null ? NONE : find(key);
    }

    public static String bearerKey(String header) {
        if (header == null) return null;
        String h = header.trim();
        if (h.length() <= 7 || !h.regionMatches(true, 0, "bearer ", 0, 7)) return null;
        return h.substring(7);
    }

    private ClientKey lookup(String apiKey) {
        byte[] keyBytes = apiKey.getBytes(StandardCharsets.UTF_8);
        Matcher m = KEY_FORMAT.matcher(apiKey);
        Collection<ClientKey> candidates = all;
        if (m.matches()) {
            try {
                candidates = bySite.getOrDefault(Integer.parseInt(m.group(1)), List.of());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        MessageDigest md = SHA512.get();
        ClientKey match = null;
        for (ClientKey c : candidates) {
            md.reset();
            md.update(c.keySalt());
            md.update(keyBytes);
            if (MessageDigest.isEqual(md.digest(), c.keyHash()) && match == null) match = c;
        }
        return match;
    }
}

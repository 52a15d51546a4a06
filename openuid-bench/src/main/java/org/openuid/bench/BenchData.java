package org.openuid.bench;

import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.Role;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.model.Site;
import org.openuid.core.service.Snapshot;
import org.openuid.core.uid.SaltTable;

import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

/**
 * A production-shaped snapshot for the microbenchmarks: {@code buckets} random salts (1,048,576 in production), the
 * master, refresh and one publisher keyset with one active key each, one site and one generator client. Seeded, so
 * every run benchmarks the same data.
 */
public final class BenchData {
    public static final int SITE_ID = 100;
    public static final int SITE_KEYSET_ID = 3;

    public final Snapshot snapshot;
    public final KeysetKey masterKey;
    public final KeysetKey siteKey;
    public final KeysetKey refreshKey;
    public final byte[] clientSecret;
    public final Random random;

    public BenchData(int buckets) {
        random = new Random(42);
        SaltTable.Builder table = SaltTable.builder(buckets);
        for (int i = 0; i < buckets; i++) {
            table.add(i, 0, randomBase64(), Long.MAX_VALUE, "", null, null);
        }
        long nowSec = System.currentTimeMillis() / 1000;
        long expires = nowSec + 10L * 365 * 86400;
        masterKey = new KeysetKey(1, Keyset.MASTER_KEYSET_ID, nowSec, nowSec - 3600, expires, bytes(32));
        refreshKey = new KeysetKey(2, Keyset.REFRESH_KEYSET_ID, nowSec, nowSec - 3600, expires, bytes(32));
        KeysetKey fallbackKey = new KeysetKey(3, Keyset.FALLBACK_PUBLISHER_KEYSET_ID, nowSec, nowSec - 3600, expires, bytes(32));
        siteKey = new KeysetKey(4, SITE_KEYSET_ID, nowSec, nowSec - 3600, expires, bytes(32));
        clientSecret = bytes(32);
        ClientKey client = new ClientKey("bench-key", bytes(64), bytes(32), clientSecret, "bench", "", nowSec,
                EnumSet.of(Role.GENERATOR, Role.MAPPER), SITE_ID, false, 0);
        snapshot = new Snapshot(1, RuntimeConfig.productionDefaults(IdentityEnvironment.PROD),
                new SaltMetadata(randomBase64(), "b", randomBase64()), table.build(),
                List.of(new Site(SITE_ID, "bench", true, List.of("example.com"), List.of(), nowSec)),
                List.of(client),
                List.of(new Keyset(Keyset.MASTER_KEYSET_ID, -1, "master", null, nowSec, true, true),
                        new Keyset(Keyset.REFRESH_KEYSET_ID, -2, "refresh", List.of(), nowSec, true, true),
                        new Keyset(Keyset.FALLBACK_PUBLISHER_KEYSET_ID, Keyset.FALLBACK_PUBLISHER_SITE_ID, "fallback", null, nowSec, true, true),
                        new Keyset(SITE_KEYSET_ID, SITE_ID, "site", null, nowSec, true, true)),
                List.of(masterKey, refreshKey, fallbackKey, siteKey), List.of());
    }

    public byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** 44-character standard Base64 of 32 random bytes: the shape of salts and of {@code email_hash} inputs. */
    public String randomBase64() {
        return Base64.getEncoder().encodeToString(bytes(32));
    }

    /** {@code n} distinct random {@code email_hash} inputs. */
    public String[] emailHashes(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = randomBase64();
        return out;
    }
}

package org.openuid.core.service;

import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.RuntimeConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When to add and when to delete keyset keys (spec tokens.md §3: active-key selection; keys-and-data.md §4-5).
 * Pure: the caller applies the {@link Plan} to the store.
 *
 * <p><b>Adding.</b> Every key is valid for {@code keyLifetime} (expires = activates + lifetime). A successor is
 * due half-way through the newest key's life, so a missed run leaves half a lifetime of slack. The successor is
 * created {@code activationLead} ahead of its activation, so every node and every SDK that refreshes its keys
 * within the lead has it before the first token is encrypted with it. A keyset that has no active key at all gets
 * a key that activates at once (nothing can be encrypted otherwise). Keysets rotated: master (-1), refresh (-2)
 * and every enabled keyset (the fallback publisher keyset 2 and all site keysets); disabled keysets get no keys.
 *
 * <p><b>Deleting.</b> Decryption looks keys up by id, so a key must stay until every token it may have encrypted
 * has expired: it is deleted once {@code expires + retention} has passed, where retention is the refresh-token
 * lifetime for refresh keys and the longest advertising or sharing token lifetime for master and site keys
 * (sharing tokens are encrypted with master and site keys too), plus the allowed clock skew.
 */
public final class KeyRotation {
    private KeyRotation() {}

    /** Lifetimes in seconds. */
    public record Policy(long keyLifetimeSeconds, long activationLeadSeconds, long tokenRetentionSeconds,
                         long refreshRetentionSeconds) {
        public Policy {
            if (keyLifetimeSeconds <= 0) throw new IllegalArgumentException("key lifetime must be positive");
            if (activationLeadSeconds < 0) throw new IllegalArgumentException("activation lead must not be negative");
            if (activationLeadSeconds >= keyLifetimeSeconds / 2)
                throw new IllegalArgumentException("activation lead must be shorter than half the key lifetime");
            if (tokenRetentionSeconds < 0 || refreshRetentionSeconds < 0)
                throw new IllegalArgumentException("retention must not be negative");
        }

        /** Retention derived from the runtime token lifetimes and the SDKs' clock skew allowance. */
        public static Policy of(RuntimeConfig rc, long keyLifetimeSeconds, long activationLeadSeconds, long clockSkewSeconds) {
            long tokens = Math.max(rc.identityTokenExpiresAfterSeconds(),
                    Math.max(rc.effectiveMaxBidstreamLifetimeSeconds(),
                            Math.max(rc.sharingTokenExpirySeconds(), rc.effectiveMaxSharingLifetimeSeconds())));
            return new Policy(keyLifetimeSeconds, activationLeadSeconds, tokens + clockSkewSeconds,
                    rc.refreshTokenExpiresAfterSeconds() + clockSkewSeconds);
        }
    }

    /** A key to create (its id and secret are chosen when it is stored). Times in epoch seconds. */
    public record NewKey(int keysetId, long activates, long expires) {}

    /** What to change: keys to create and keys to delete. */
    public record Plan(List<NewKey> create, List<KeysetKey> delete) {
        public Plan {
            create = List.copyOf(create);
            delete = List.copyOf(delete);
        }

        public boolean isEmpty() { return create.isEmpty() && delete.isEmpty(); }
    }

    /** Whether a keyset gets new keys: master and refresh always, others while enabled. */
    public static boolean rotates(Keyset ks) {
        return ks.keysetId() == Keyset.MASTER_KEYSET_ID || ks.keysetId() == Keyset.REFRESH_KEYSET_ID || ks.enabled();
    }

    public static Plan plan(Collection<Keyset> keysets, Collection<KeysetKey> keys, Policy policy, long nowSec) {
        return plan(keysets, keys, policy, nowSec, false);
    }

    /**
     * Like {@link #plan}, but with {@code force} every rotating keyset whose newest key is already active gets a
     * successor now (an operator's "rotate now", e.g. after a suspected key leak). The successor still activates one
     * activation lead after it is created, never sooner: key downloads publish it at once, and publishers encrypt
     * with it only once every SDK that refreshes its keys within the lead holds it. A keyset that already has a key
     * waiting to activate gets none (a second forced run changes nothing).
     */
    public static Plan plan(Collection<Keyset> keysets, Collection<KeysetKey> keys, Policy policy, long nowSec, boolean force) {
        Map<Integer, List<KeysetKey>> byKeyset = new HashMap<>();
        for (KeysetKey k : keys) byKeyset.computeIfAbsent(k.keysetId(), x -> new ArrayList<>()).add(k);
        List<Keyset> ordered = new ArrayList<>(keysets);
        ordered.sort(Comparator.comparingInt(Keyset::keysetId));
        List<NewKey> create = new ArrayList<>();
        List<KeysetKey> delete = new ArrayList<>();
        for (Keyset ks : ordered) {
            List<KeysetKey> own = byKeyset.getOrDefault(ks.keysetId(), List.of());
            long retention = ks.keysetId() == Keyset.REFRESH_KEYSET_ID ? policy.refreshRetentionSeconds() : policy.tokenRetentionSeconds();
            List<KeysetKey> kept = new ArrayList<>(own.size());
            for (KeysetKey k : own) {
                if (k.expires() + retention <= nowSec) delete.add(k);
                else kept.add(k);
            }
            if (!rotates(ks)) continue;
            NewKey next = force ? forcedSuccessor(ks.keysetId(), kept, policy, nowSec) : successor(ks.keysetId(), kept, policy, nowSec);
            if (next != null) create.add(next);
        }
        delete.sort(Comparator.comparingInt(KeysetKey::id));
        return new Plan(create, delete);
    }

    /** The key to add to one keyset now, or null when its newest key still has enough time ahead. */
    static NewKey successor(int keysetId, List<KeysetKey> keys, Policy p, long nowSec) {
        long lifetime = p.keyLifetimeSeconds();
        if (activeKey(keys, nowSec) == null) return new NewKey(keysetId, nowSec, nowSec + lifetime);
        KeysetKey newest = null;
        for (KeysetKey k : keys) {
            if (newest == null || k.activates() > newest.activates()
                    || (k.activates() == newest.activates() && k.id() > newest.id())) newest = k;
        }
        long half = lifetime / 2;
        long due = Math.min(newest.activates() + half, newest.expires() - half);
        long earliest = nowSec + p.activationLeadSeconds();
        if (due > earliest) return null;
        long activates = Math.max(due, earliest);
        return new NewKey(keysetId, activates, activates + lifetime);
    }

    /** A successor one lead ahead, unless a key is already waiting to activate; at once for a keyset without an active key. */
    static NewKey forcedSuccessor(int keysetId, List<KeysetKey> keys, Policy p, long nowSec) {
        if (activeKey(keys, nowSec) == null) return new NewKey(keysetId, nowSec, nowSec + p.keyLifetimeSeconds());
        for (KeysetKey k : keys) if (k.activates() > nowSec) return null;
        long activates = nowSec + p.activationLeadSeconds();
        return new NewKey(keysetId, activates, activates + p.keyLifetimeSeconds());
    }

    /** Spec tokens.md §3.2: the last key by activation with activates ≤ now, walking back to one not yet expired. */
    static KeysetKey activeKey(List<KeysetKey> keys, long nowSec) {
        List<KeysetKey> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparingLong(KeysetKey::activates).thenComparingInt(KeysetKey::id));
        int i = sorted.size() - 1;
        while (i >= 0 && sorted.get(i).activates() > nowSec) i--;
        for (; i >= 0; i--) if (sorted.get(i).expires() > nowSec) return sorted.get(i);
        return null;
    }
}

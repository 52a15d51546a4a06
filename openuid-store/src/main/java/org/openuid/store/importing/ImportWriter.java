package org.openuid.store.importing;

import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.Site;
import org.openuid.store.Store;
import org.openuid.store.StoreData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes a parsed data set as an upsert: compares each item with the store's current content and writes only what
 * differs, so the same data set twice leaves the store (and its change version) untouched. Keyset keys are
 * immutable: a key id listed twice with different content, or stored with a different content, is rejected before
 * anything is written. Salt buckets are written before the salt metadata, so a store never looks bootstrapped
 * without its buckets.
 */
final class ImportWriter {
    private ImportWriter() {}

    /** @return the number of writes */
    static int write(CoreDataImporter.DataSet data, Store store) {
        StoreData existing = store.loadAll();
        Map<Integer, KeysetKey> existingKeys = byId(existing.keys(), KeysetKey::id);
        Map<Integer, KeysetKey> newKeys = new LinkedHashMap<>();
        for (KeysetKey k : data.keys()) {
            KeysetKey earlier = newKeys.putIfAbsent(k.id(), k);
            if (earlier != null && !sameKey(earlier, k)) throw new ImportException("key " + k.id() + " is listed twice");
            KeysetKey stored = existingKeys.get(k.id());
            if (stored != null && !sameKey(stored, k))
                throw new ImportException("key " + k.id() + " already exists in the store with a different content");
        }

        int writes = 0;
        if (data.runtimeConfig() != null && !data.runtimeConfig().equals(existing.runtimeConfig())) {
            store.setRuntimeConfig(data.runtimeConfig());
            writes++;
        }
        Map<Integer, Site> sites = byId(existing.sites(), Site::id);
        for (Site s : lastById(data.sites(), Site::id)) {
            if (!s.equals(sites.get(s.id()))) {
                store.upsertSite(s);
                writes++;
            }
        }
        Map<Integer, Keyset> keysets = byId(existing.keysets(), Keyset::keysetId);
        for (Keyset k : lastById(data.keysets(), Keyset::keysetId)) {
            if (!k.equals(keysets.get(k.keysetId()))) {
                store.upsertKeyset(k);
                writes++;
            }
        }
        for (KeysetKey k : newKeys.values()) {
            if (!existingKeys.containsKey(k.id())) {
                store.insertKey(k);
                writes++;
            }
        }
        Map<String, ClientKey> clients = byId(existing.clients(), ClientKey::keyId);
        for (ClientKey c : lastById(data.clients(), ClientKey::keyId)) {
            ClientKey stored = clients.get(c.keyId());
            if (stored == null || !sameClient(stored, c)) {
                store.upsertClient(c);
                writes++;
            }
        }
        Map<String, ClientSideKeypair> keypairs = byId(existing.keypairs(), ClientSideKeypair::subscriptionId);
        for (ClientSideKeypair k : lastById(data.keypairs(), ClientSideKeypair::subscriptionId)) {
            if (!k.equals(keypairs.get(k.subscriptionId()))) {
                store.upsertKeypair(k);
                writes++;
            }
        }
        writes += data.services().write(existing, store);
        SaltFiles.Salts salts = data.salts();
        if (salts != null && !SaltFiles.sameSalts(salts.table(), existing.salts())) {
            store.replaceSaltBuckets(SaltFiles.asList(salts.table()));
            writes++;
        }
        if (salts != null && !salts.metadata().equals(existing.saltMetadata())) {
            store.setSaltMetadata(salts.metadata());
            writes++;
        }
        return writes;
    }

    private static <K, T> Map<K, T> byId(List<T> items, Function<T, K> id) {
        Map<K, T> map = new LinkedHashMap<>();
        for (T t : items) map.put(id.apply(t), t);
        return map;
    }

    /** Items with unique ids, a later entry replacing an earlier one. */
    private static <K, T> List<T> lastById(List<T> items, Function<T, K> id) {
        return new ArrayList<>(byId(items, id).values());
    }

    static boolean sameKey(KeysetKey a, KeysetKey b) {
        return a.id() == b.id() && a.keysetId() == b.keysetId() && a.created() == b.created()
                && a.activates() == b.activates() && a.expires() == b.expires() && Arrays.equals(a.secret(), b.secret());
    }

    static boolean sameClient(ClientKey a, ClientKey b) {
        return a.keyId().equals(b.keyId()) && Arrays.equals(a.keyHash(), b.keyHash())
                && Arrays.equals(a.keySalt(), b.keySalt()) && Arrays.equals(a.secret(), b.secret())
                && Objects.equals(a.name(), b.name()) && Objects.equals(a.contact(), b.contact())
                && a.created() == b.created() && a.roles().equals(b.roles()) && a.siteId() == b.siteId()
                && a.disabled() == b.disabled() && a.serviceId() == b.serviceId();
    }
}

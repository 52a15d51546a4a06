package org.openuid.server.manage;

import org.openuid.core.model.ClientSideKeypair;
import org.openuid.store.CstgKeypairs;
import org.openuid.store.Store;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Client-side (CSTG) keypairs (spec keys-and-data.md §8, encryption.md §4.1): a public subscription id and a
 * P-256 key pair per publisher integration, made by {@link CstgKeypairs} as at bootstrap. The publisher gets the
 * subscription id and the public key string; the private key never leaves the store. A disabled keypair answers 401.
 */
public final class KeypairService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;

    public KeypairService(Store store) { this.store = store; }

    /** Creates an enabled keypair for an existing site. */
    public ClientSideKeypair create(int siteId, String name, String contact, long nowSec) {
        if (store.site(siteId).isEmpty()) throw new IllegalArgumentException("site " + siteId + " does not exist");
        Set<String> taken = new HashSet<>();
        for (ClientSideKeypair kp : list()) taken.add(kp.subscriptionId());
        String subscription;
        do {
            subscription = CstgKeypairs.randomSubscriptionId(RANDOM);
        } while (taken.contains(subscription));
        ClientSideKeypair kp = CstgKeypairs.create(subscription, siteId, contact, name, nowSec, RANDOM);
        store.upsertKeypair(kp);
        return kp;
    }

    public ClientSideKeypair setDisabled(String subscriptionId, boolean disabled) {
        ClientSideKeypair kp = list().stream().filter(k -> k.subscriptionId().equals(subscriptionId)).findFirst()
                .orElseThrow(() -> ServiceException.notFound("no client-side keypair with subscription id '" + subscriptionId + "'"));
        ClientSideKeypair updated = new ClientSideKeypair(kp.subscriptionId(), kp.publicKey(), kp.privateKey(), kp.siteId(),
                kp.contact(), kp.name(), kp.created(), disabled);
        store.upsertKeypair(updated);
        return updated;
    }

    public List<ClientSideKeypair> list() {
        return store.loadAll().keypairs();
    }

    /** The keypairs of one site, or all when {@code siteId} is null. */
    public List<ClientSideKeypair> list(Integer siteId) {
        return list().stream().filter(k -> siteId == null || k.siteId() == siteId).toList();
    }
}

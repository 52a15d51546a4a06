package org.openuid.server.manage;

import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.store.Store;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Client-side (CSTG) keypairs (spec keys-and-data.md §8, encryption.md §4.1): a public subscription id and a
 * P-256 key pair per publisher integration. The publisher gets the subscription id and the public key string;
 * the private key never leaves the store. A disabled keypair answers 401.
 */
public final class KeypairManager {
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;

    public KeypairManager(Store store) { this.store = store; }

    /** Creates an enabled keypair for an existing site. */
    public ClientSideKeypair create(int siteId, String name, String contact, IdentityScope scope, long nowSec) {
        if (store.site(siteId).isEmpty()) throw new IllegalArgumentException("site " + siteId + " does not exist");
        Set<String> taken = new HashSet<>();
        for (ClientSideKeypair kp : list()) taken.add(kp.subscriptionId());
        String subscription;
        do {
            subscription = randomId(10);
        } while (taken.contains(subscription));
        RuntimeConfig rc = store.loadAll().runtimeConfig();
        String env = environmentLetter(rc == null ? IdentityEnvironment.TEST : rc.identityEnvironment());
        KeyPair pair = generate();
        Base64.Encoder b64 = Base64.getEncoder();
        ClientSideKeypair kp = new ClientSideKeypair(subscription,
                scope.name() + "-X-" + env + "-" + b64.encodeToString(pair.getPublic().getEncoded()),
                scope.name() + "-Y-" + env + "-" + b64.encodeToString(pair.getPrivate().getEncoded()),
                siteId, contact == null ? "" : contact, name == null ? "" : name, nowSec, false);
        store.upsertKeypair(kp);
        return kp;
    }

    public ClientSideKeypair setDisabled(String subscriptionId, boolean disabled) {
        ClientSideKeypair kp = list().stream().filter(k -> k.subscriptionId().equals(subscriptionId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no client-side keypair with subscription id " + subscriptionId));
        ClientSideKeypair updated = new ClientSideKeypair(kp.subscriptionId(), kp.publicKey(), kp.privateKey(), kp.siteId(),
                kp.contact(), kp.name(), kp.created(), disabled);
        store.upsertKeypair(updated);
        return updated;
    }

    public List<ClientSideKeypair> list() {
        return store.loadAll().keypairs();
    }

    /** {@code L} for test deployments, {@code I} integ, {@code P} prod: the letter in the key prefix. */
    static String environmentLetter(IdentityEnvironment env) {
        return switch (env) {
            case TEST -> "L";
            case INTEG -> "I";
            case PROD -> "P";
        };
    }

    private static String randomId(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)]);
        return sb.toString();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 key generation is not available", e);
        }
    }
}

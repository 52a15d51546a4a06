package org.openuid.core.model;

/** CSTG keypair: public/private key strings carry a 9-character prefix before the Base64 DER. */
public record ClientSideKeypair(String subscriptionId, String publicKey, String privateKey, int siteId,
                                String contact, String name, long created, boolean disabled) {
}

package org.openuid.store;

import org.openuid.core.model.ClientKey;

/**
 * A freshly created client key: the record to store plus the plaintext API key and the Base64 client secret,
 * which are shown to the operator once and exist nowhere else ({@link #toString()} leaves them out).
 */
public record NewClientKey(ClientKey client, String apiKey, String secretBase64) {

    @Override
    public String toString() {
        return "NewClientKey[keyId=" + client.keyId() + ", siteId=" + client.siteId() + ", roles=" + client.roles() + "]";
    }
}

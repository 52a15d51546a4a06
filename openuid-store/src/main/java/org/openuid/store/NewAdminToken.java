package org.openuid.store;

/** A freshly created admin token: the record to store and the token text, shown once ({@link #toString()} omits it). */
public record NewAdminToken(AdminToken record, String token) {

    @Override
    public String toString() {
        return "NewAdminToken[tokenId=" + record.tokenId() + "]";
    }
}

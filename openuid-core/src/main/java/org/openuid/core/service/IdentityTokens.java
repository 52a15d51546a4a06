package org.openuid.core.service;

/** A token pair as returned by generate, refresh and client-generate. Times in epoch ms. */
public record IdentityTokens(String advertisingToken, String refreshToken, long identityExpires, long refreshExpires,
                             long refreshFrom, String refreshResponseKey) {

    /** Compact JSON of the response body object. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(800);
        sb.append("{\"advertising_token\":\"").append(advertisingToken)
                .append("\",\"refresh_token\":\"").append(refreshToken)
                .append("\",\"identity_expires\":").append(identityExpires)
                .append(",\"refresh_expires\":").append(refreshExpires)
                .append(",\"refresh_from\":").append(refreshFrom);
        if (refreshResponseKey != null) sb.append(",\"refresh_response_key\":\"").append(refreshResponseKey).append('"');
        return sb.append('}').toString();
    }
}

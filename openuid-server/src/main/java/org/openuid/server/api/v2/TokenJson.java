package org.openuid.server.api.v2;

import org.openuid.core.service.IdentityTokens;
import org.openuid.server.http.JsonBytes;

/**
 * A token pair written straight into an answer's bytes, exactly as {@link IdentityTokens#toJson()} prints it (the
 * tokens and the response key are Base64 text, written as they are there too), so that generate and refresh seal
 * their answers where they are built instead of going through a {@code String} and copies of it.
 */
final class TokenJson {
    /** Room for a token pair of any identity type, with its response key. */
    static final int EXPECTED = 1024;

    private TokenJson() {}

    static void write(JsonBytes out, IdentityTokens t) {
        out.ascii("{\"advertising_token\":\"").ascii(t.advertisingToken())
                .ascii("\",\"refresh_token\":\"").ascii(t.refreshToken())
                .ascii("\",\"identity_expires\":").number(t.identityExpires())
                .ascii(",\"refresh_expires\":").number(t.refreshExpires())
                .ascii(",\"refresh_from\":").number(t.refreshFrom());
        if (t.refreshResponseKey() != null) out.ascii(",\"refresh_response_key\":\"").ascii(t.refreshResponseKey()).ascii('"');
        out.ascii('}');
    }
}

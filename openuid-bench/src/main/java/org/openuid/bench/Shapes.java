package org.openuid.bench;

import org.openuid.core.envelope.RequestEnvelope;
import org.openuid.core.service.IdentityTokens;

/**
 * Byte sizes of what one token request encrypts and decrypts, derived from the wire formats (spec encryption.md
 * §1, §3; tokens.md §4, §5) with salt-based 32-byte raw UIDs and an SDK-shaped {@code email_hash} request.
 */
public final class Shapes {
    /** A 44-character Base64 SHA-256, as in {@code email_hash}. */
    public static final String EMAIL_HASH = "eVvLS/Vg+YZ6+z3i0NOpSXYyQAfEXqCZ7BTpAjFUBUc=";
    /** The request JSON of /v2/token/generate as the SDKs send it for a hashed email. */
    public static final String GENERATE_REQUEST_JSON = generateRequestJson(EMAIL_HASH);
    /** timestamp ‖ nonce ‖ JSON. */
    public static final int GENERATE_REQUEST_PLAINTEXT = RequestEnvelope.HEADER_LENGTH + GENERATE_REQUEST_JSON.length();
    /** Site layer of a v4 advertising token: 36-byte header + 32-byte raw UID. */
    public static final int AD_SITE_PLAINTEXT = 36 + 32;
    /** Master layer: 33-byte header + the site layer's GCM blob. */
    public static final int AD_MASTER_PLAINTEXT = 33 + AD_SITE_PLAINTEXT + 28;
    /** v3 refresh token payload. */
    public static final int REFRESH_PLAINTEXT = 90;
    /** {@code {"refresh_response_key":"<44>","refresh_token":"<168>"}}. */
    public static final int WRAPPER_PLAINTEXT = 25 + 44 + 19 + 168 + 2;
    /** Characters of a v4 advertising token: Base64url (no padding) of 6 + 12 + 129 + 16 bytes. */
    public static final int ADVERTISING_TOKEN_CHARS = (4 * (6 + 12 + AD_MASTER_PLAINTEXT + 16) + 2) / 3;
    /** The JSON answer of generate and refresh: {@code {"body":{...tokens...},"status":"success"}}. */
    public static final String RESPONSE_JSON = responseJson();
    /** Response envelope plaintext of generate: timestamp ‖ nonce ‖ JSON. */
    public static final int GENERATE_RESPONSE_PLAINTEXT = RequestEnvelope.HEADER_LENGTH + RESPONSE_JSON.length();
    /** Refresh answers are encrypted without timestamp and nonce. */
    public static final int REFRESH_RESPONSE_PLAINTEXT = RESPONSE_JSON.length();

    private Shapes() {}

    public static String generateRequestJson(String emailHash) {
        return "{\"email_hash\":\"" + emailHash + "\",\"optout_check\":1}";
    }

    private static String responseJson() {
        long t = 1_750_000_000_000L;
        IdentityTokens tokens = new IdentityTokens("A".repeat(ADVERTISING_TOKEN_CHARS), "R".repeat(388), t, t, t,
                "K".repeat(44));
        return "{\"body\":" + tokens.toJson() + ",\"status\":\"success\"}";
    }
}

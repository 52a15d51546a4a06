package org.openuid.core.cstg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.UserIdentity;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Site;
import org.openuid.core.service.GenerateOutcome;
import org.openuid.core.service.OptOutLookup;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.TokenService;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client-side token generation decisions (spec endpoints.md §4.1, encryption.md §4), in the spec's order after
 * the request JSON has been parsed: keypair lookup (row 4), keypair state and domain/app checks (rows 5-6),
 * then decryption and generation (rows 7-17). Pure apart from a cache of parsed private keys.
 */
public final class CstgService {
    public static final CstgOutcome.Rejected BAD_SUBSCRIPTION = clientError("bad subscription_id");
    static final CstgOutcome.Rejected UNAUTHORIZED = new CstgOutcome.Rejected(401, "unauthorized", "Unauthorized");
    static final CstgOutcome.Rejected BAD_APP_NAME = new CstgOutcome.Rejected(403, "invalid_app_name", "unexpected app name");
    static final CstgOutcome.Rejected BAD_ORIGIN = new CstgOutcome.Rejected(403, "invalid_http_origin", "unexpected http origin");
    static final CstgOutcome.Rejected MISSING_PARAMETERS = clientError("required parameters: payload, iv, public_key");
    static final CstgOutcome.Rejected BAD_PUBLIC_KEY = clientError("bad public key");
    static final CstgOutcome.Rejected BAD_IV = clientError("bad iv");
    static final CstgOutcome.Rejected DECRYPTION_FAILED = clientError("payload decryption failed");
    static final CstgOutcome.Rejected INVALID_JSON = clientError("encrypted payload contains invalid json");
    static final CstgOutcome.Rejected PHONE_NOT_ENABLED = clientError("phone support not enabled");
    static final CstgOutcome.Rejected EXACTLY_ONE = clientError("please provide exactly one of: email_hash, phone_hash");
    static final CstgOutcome.Rejected EMAIL_ONLY = clientError("please provide email_hash");
    static final CstgOutcome.Rejected INVALID_IDENTIFIER = clientError("Invalid Identifier");

    /** Created on the first client-side request, not when the operator starts (a tenth of a second of class loading). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final TokenService tokens;
    private final boolean phoneSupport;
    private final boolean domainCheck;
    /** Parsed operator private keys by their stored text (parsing PKCS#8 on every request is wasteful). */
    private final Map<String, PrivateKey> privateKeys = new ConcurrentHashMap<>();

    public CstgService(TokenService tokens, boolean phoneSupport, boolean domainCheck) {
        this.tokens = tokens;
        this.phoneSupport = phoneSupport;
        this.domainCheck = domainCheck;
    }

    static CstgOutcome.Rejected clientError(String message) {
        return new CstgOutcome.Rejected(400, "client_error", message);
    }

    /** Row 4: the keypair of the request's subscription id, or null ({@link #BAD_SUBSCRIPTION}). */
    public static ClientSideKeypair keypair(Snapshot s, CstgRequest req) {
        return s.keypair(req.subscriptionId());
    }

    /**
     * Rows 5-6: a disabled keypair is refused; then, unless the check is turned off, the app name (when given)
     * must be one of the site's app names (case-insensitive), otherwise the Origin's registrable domain must be
     * one of the site's domain names (exactly).
     *
     * @return the rejection, or null when the request may proceed
     */
    public CstgOutcome.Rejected authorize(Snapshot s, ClientSideKeypair kp, CstgRequest req, String origin,
                                          OriginResolver resolver) {
        if (kp.disabled()) return UNAUTHORIZED;
        if (!domainCheck) return null;
        Site site = s.site(kp.siteId());
        if (req.appName() != null) {
            if (site != null) {
                for (String app : site.appNames()) if (app.equalsIgnoreCase(req.appName())) return null;
            }
            return BAD_APP_NAME;
        }
        String domain = origin == null ? null : resolver.registrableDomain(origin);
        if (domain != null && site != null && site.domainNames().contains(domain)) return null;
        return BAD_ORIGIN;
    }

    /** Rows 7-17: decrypt the payload with the keypair's shared secret, validate the hash and issue tokens. */
    public CstgOutcome generate(Snapshot s, OptOutLookup optOuts, ClientSideKeypair kp, CstgRequest req, long nowMs) {
        if (isEmpty(req.payload()) || isEmpty(req.iv()) || isEmpty(req.publicKey())) return MISSING_PARAMETERS;
        PublicKey clientKey;
        try {
            clientKey = CstgCrypto.parsePublicKey(Base64.getDecoder().decode(req.publicKey()));
        } catch (IllegalArgumentException | CryptoException e) {
            return BAD_PUBLIC_KEY;
        }
        byte[] iv;
        try {
            iv = Base64.getDecoder().decode(req.iv());
        } catch (IllegalArgumentException e) {
            return BAD_IV;
        }
        if (iv.length != CstgCrypto.IV_LENGTH) return BAD_IV;
        PrivateKey own;
        try {
            own = privateKey(kp);
        } catch (CryptoException e) {
            throw new IllegalStateException("the private key of client-side keypair " + kp.subscriptionId() + " is unusable");
        }
        byte[] secret;
        try {
            secret = CstgCrypto.sharedSecret(own, clientKey);
        } catch (CryptoException e) {
            return BAD_PUBLIC_KEY;
        }
        byte[] plaintext;
        try {
            byte[] payload = Base64.getDecoder().decode(req.payload());
            plaintext = CstgCrypto.decryptPayload(secret, iv, payload, CstgCrypto.aad(req.timestamp(), req.appName()));
        } catch (IllegalArgumentException | CryptoException e) {
            return DECRYPTION_FAILED;
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(plaintext);
        } catch (IOException e) {
            return INVALID_JSON;
        }
        if (json == null || !json.isObject()) return INVALID_JSON;
        String email = text(json.get(DiiKind.EMAIL_HASH.field));
        String phone = text(json.get(DiiKind.PHONE_HASH.field));
        if (phone != null && !phoneSupport) return PHONE_NOT_ENABLED;
        if ((email == null) == (phone == null)) return phoneSupport ? EXACTLY_ONE : EMAIL_ONLY;
        UserIdentity identity = email != null ? DiiParser.parse(DiiKind.EMAIL_HASH, email) : DiiParser.parse(DiiKind.PHONE_HASH, phone);
        if (identity == null) return INVALID_IDENTIFIER;
        GenerateOutcome outcome = tokens.generate(s, optOuts, identity, kp.siteId(), TokenService.PRIVACY_BITS_CLIENT_SIDE, nowMs);
        if (outcome instanceof GenerateOutcome.Success ok) return new CstgOutcome.Success(ok.tokens(), secret);
        if (outcome instanceof GenerateOutcome.OptedOut) return new CstgOutcome.OptedOut(secret);
        return new CstgOutcome.NoActiveKey();
    }

    private PrivateKey privateKey(ClientSideKeypair kp) throws CryptoException {
        PrivateKey cached = privateKeys.get(kp.privateKey());
        if (cached != null) return cached;
        PrivateKey parsed = CstgCrypto.parsePrivateKey(kp.privateKey());
        if (privateKeys.size() > 10_000) privateKeys.clear();
        privateKeys.put(kp.privateKey(), parsed);
        return parsed;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    /** Present = non-null; strings as they are, other scalars as their JSON text, containers as "" (invalid). */
    private static String text(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isTextual()) return n.textValue();
        if (n.isValueNode()) return n.toString();
        return "";
    }
}

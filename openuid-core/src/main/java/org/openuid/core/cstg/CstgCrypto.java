package org.openuid.core.cstg;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;

import javax.crypto.KeyAgreement;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The CSTG envelope (spec encryption.md §4): ECDH on P-256 between the operator's keypair and the client's
 * ephemeral key; the raw 32-byte X coordinate of the shared point is the AES-256-GCM key (no KDF). The request
 * payload is authenticated together with an AAD of {@code [timestamp]} or {@code [timestamp,"app_name"]}.
 */
public final class CstgCrypto {
    /** Stored key strings carry a 9-character prefix such as {@code UID2-X-L-} before the Base64 DER. */
    public static final int KEY_PREFIX_LENGTH = 9;
    public static final int IV_LENGTH = Aes256Gcm.IV_LENGTH;
    public static final int SECRET_LENGTH = 32;

    private static final ECParameterSpec P256 = p256();
    private static final ThreadLocal<KeyAgreement> ECDH = ThreadLocal.withInitial(() -> {
        try {
            return KeyAgreement.getInstance("ECDH");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDH is not available", e);
        }
    });

    private CstgCrypto() {}

    /** The operator's private key from its stored form: prefix + Base64 PKCS#8. */
    public static PrivateKey parsePrivateKey(String prefixed) throws CryptoException {
        if (prefixed == null || prefixed.length() <= KEY_PREFIX_LENGTH) throw new CryptoException("private key too short");
        try {
            byte[] der = Base64.getDecoder().decode(prefixed.substring(KEY_PREFIX_LENGTH));
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(key instanceof ECPrivateKey ec) || !isP256(ec.getParams())) throw new CryptoException("not a P-256 private key");
            return key;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new CryptoException("invalid private key");
        }
    }

    /** A public key from its stored form (prefix + Base64 SPKI). */
    public static PublicKey parsePrefixedPublicKey(String prefixed) throws CryptoException {
        if (prefixed == null || prefixed.length() <= KEY_PREFIX_LENGTH) throw new CryptoException("public key too short");
        try {
            return parsePublicKey(Base64.getDecoder().decode(prefixed.substring(KEY_PREFIX_LENGTH)));
        } catch (IllegalArgumentException e) {
            throw new CryptoException("invalid public key");
        }
    }

    /** A client's ephemeral public key: X.509 SubjectPublicKeyInfo DER of a P-256 point. */
    public static PublicKey parsePublicKey(byte[] spki) throws CryptoException {
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            if (!(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) throw new CryptoException("not a P-256 public key");
            return key;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoException("invalid public key");
        }
    }

    /** The ECDH shared secret: the 32-byte big-endian X coordinate of the shared point. */
    public static byte[] sharedSecret(PrivateKey own, PublicKey peer) throws CryptoException {
        KeyAgreement ka = ECDH.get();
        try {
            ka.init(own);
            ka.doPhase(peer, true);
            byte[] secret = ka.generateSecret();
            if (secret.length != SECRET_LENGTH) throw new CryptoException("unexpected shared secret length");
            return secret;
        } catch (GeneralSecurityException | RuntimeException e) {
            // a point that is not on the curve or of small order is refused here
            ECDH.remove();
            throw new CryptoException("key agreement failed");
        }
    }

    /**
     * The additional authenticated data: compact JSON {@code [timestamp]}, or {@code [timestamp,"app_name"]} when
     * an app name is given (JSON string escaping, {@code /} and non-ASCII kept as they are).
     */
    public static byte[] aad(long timestamp, String appName) {
        StringBuilder sb = new StringBuilder(32).append('[').append(timestamp);
        if (appName != null) {
            sb.append(",\"");
            JsonStringEncoder.getInstance().quoteAsString(appName, sb);
            sb.append('"');
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Decrypts the request payload ({@code ciphertext ‖ tag}, IV sent separately). */
    public static byte[] decryptPayload(byte[] secret, byte[] iv, byte[] payload, byte[] aad) throws CryptoException {
        if (iv == null || iv.length != IV_LENGTH) throw new CryptoException("bad iv");
        if (payload == null) throw new CryptoException("no payload");
        byte[] blob = new byte[IV_LENGTH + payload.length];
        System.arraycopy(iv, 0, blob, 0, IV_LENGTH);
        System.arraycopy(payload, 0, blob, IV_LENGTH, payload.length);
        return Aes256Gcm.decrypt(secret, blob, 0, blob.length, aad);
    }

    /** Encrypts a response: a GCM blob {@code IV ‖ ciphertext ‖ tag} under the shared secret, no AAD. */
    public static byte[] encryptResponse(byte[] secret, byte[] json, IvSource ivs) {
        return Aes256Gcm.encrypt(secret, json, 0, json.length, null, ivs);
    }

    private static boolean isP256(ECParameterSpec p) {
        return p != null && p.getCurve().equals(P256.getCurve()) && p.getOrder().equals(P256.getOrder())
                && p.getGenerator().equals(P256.getGenerator()) && p.getCofactor() == P256.getCofactor();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
            ap.init(new ECGenParameterSpec("secp256r1"));
            return ap.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available", e);
        }
    }
}

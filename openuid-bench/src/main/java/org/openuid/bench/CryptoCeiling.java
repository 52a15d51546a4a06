package org.openuid.bench;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Random;

/**
 * The cryptographic operations one request strictly needs, and nothing else: no HTTP, no JSON, no Base64, no
 * random number generation (IVs here are a counter), no object allocation per operation beyond what the JDK's
 * {@link Cipher} API itself does. Whatever a request costs on top of this is the server's own overhead, so
 * "requests per CPU-second ÷ this ceiling" says how close the server runs to the cost of its cryptography.
 *
 * <p>Sizes are those of real requests (spec encryption.md §1, tokens.md §4-5, encryption.md §3), see
 * {@link Shapes}:
 * <ul>
 *   <li><b>generate</b> ({@code email_hash} input): request envelope GCM open, SHA-256 first-level hash, SHA-256
 *   raw UID, advertising token (2 GCM seals: site layer, master layer), refresh token GCM seal, refresh wrapper
 *   GCM seal, response envelope GCM seal. With an {@code email} input one more SHA-256 (of the email).</li>
 *   <li><b>refresh</b>: wrapper GCM open, refresh token GCM open, SHA-256 raw UID, then the same four seals and the
 *   response GCM seal (under the refresh response key).</li>
 *   <li><b>identity map</b>, per identity: SHA-256 first-level hash and SHA-256 raw UID (88-byte inputs).</li>
 * </ul>
 * <p>Each long-lived key (client secret, master, site and refresh key) has its own {@link Cipher}, so its AES key
 * schedule is computed once, as a server that keeps one cipher per key and thread does; the refresh answer is
 * encrypted under the request's own response key, whose key schedule is computed every time (two keys alternate on
 * one cipher). One instance per thread.
 */
public final class CryptoCeiling {
    private static final int TAG_BITS = 128;

    private final Cipher clientCipher = gcm();
    private final Cipher masterCipher = gcm();
    private final Cipher siteCipher = gcm();
    private final Cipher refreshCipher = gcm();
    private final Cipher responseCipher = gcm();
    private final MessageDigest sha256;
    private final SecretKeySpec clientSecret;
    private final SecretKeySpec masterKey;
    private final SecretKeySpec siteKey;
    private final SecretKeySpec refreshKey;
    private final SecretKeySpec[] responseKeys;
    private int responseKeyToggle;
    private final byte[] iv = new byte[12];
    private long counter;

    private final byte[] requestBlob;
    private final byte[] wrapperBlob;
    private final byte[] refreshBlob;
    private final byte[] sitePlain = new byte[Shapes.AD_SITE_PLAINTEXT];
    private final byte[] masterPlain = new byte[Shapes.AD_MASTER_PLAINTEXT];
    private final byte[] refreshPlain = new byte[Shapes.REFRESH_PLAINTEXT];
    private final byte[] wrapperPlain = new byte[Shapes.WRAPPER_PLAINTEXT];
    private final byte[] responsePlain = new byte[Shapes.GENERATE_RESPONSE_PLAINTEXT];
    private final byte[] refreshResponsePlain = new byte[Shapes.REFRESH_RESPONSE_PLAINTEXT];
    private final byte[] email = "some.user.name@example.com".getBytes(StandardCharsets.US_ASCII);
    private final byte[] shaInput1 = new byte[88];
    private final byte[] shaInput2 = new byte[88];
    private final byte[] out = new byte[4096];
    private final byte[] digest = new byte[32];

    public CryptoCeiling() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Random random = new Random(7);
        clientSecret = key(random);
        masterKey = key(random);
        siteKey = key(random);
        refreshKey = key(random);
        responseKeys = new SecretKeySpec[]{key(random), key(random)};
        random.nextBytes(shaInput1);
        random.nextBytes(shaInput2);
        random.nextBytes(sitePlain);
        random.nextBytes(masterPlain);
        random.nextBytes(refreshPlain);
        random.nextBytes(wrapperPlain);
        random.nextBytes(responsePlain);
        random.nextBytes(refreshResponsePlain);
        requestBlob = sealCopy(clientCipher, clientSecret, Shapes.GENERATE_REQUEST_PLAINTEXT, random);
        wrapperBlob = sealCopy(refreshCipher, refreshKey, Shapes.WRAPPER_PLAINTEXT, random);
        refreshBlob = sealCopy(refreshCipher, refreshKey, Shapes.REFRESH_PLAINTEXT, random);
    }

    /** /v2/token/generate with an {@code email_hash}: 1 GCM open, 2 SHA-256, 5 GCM seals. */
    public int generate() {
        int n = open(clientCipher, clientSecret, requestBlob);
        n += twoSha256();
        n += seals();
        n += seal(clientCipher, clientSecret, responsePlain);
        return n;
    }

    /** /v2/token/generate with an {@code email}: as {@link #generate()} plus the SHA-256 of the normalised email. */
    public int generateEmail() {
        sha256.update(email);
        int n = digestInto();
        return n + generate();
    }

    /** /v2/token/refresh: 2 GCM opens, 1 SHA-256, 5 GCM seals. */
    public int refresh() {
        int n = open(refreshCipher, refreshKey, wrapperBlob);
        n += open(refreshCipher, refreshKey, refreshBlob);
        sha256.update(shaInput2);
        n += digestInto();
        n += seals();
        responseKeyToggle ^= 1;
        n += seal(responseCipher, responseKeys[responseKeyToggle], refreshResponsePlain);
        return n;
    }

    /** One identity of an identity map request: 2 SHA-256 over 88 bytes, the second fed with the first's output. */
    public int mapIdentity() {
        return twoSha256();
    }

    private int twoSha256() {
        sha256.update(shaInput1);
        int n = digestInto();
        System.arraycopy(digest, 0, shaInput2, 0, 32);
        sha256.update(shaInput2);
        return n + digestInto();
    }

    /** Advertising token (site, master), refresh token and wrapper. */
    private int seals() {
        int n = seal(siteCipher, siteKey, sitePlain);
        n += seal(masterCipher, masterKey, masterPlain);
        n += seal(refreshCipher, refreshKey, refreshPlain);
        n += seal(refreshCipher, refreshKey, wrapperPlain);
        return n;
    }

    private int digestInto() {
        try {
            return sha256.digest(digest, 0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private int seal(Cipher gcm, SecretKeySpec key, byte[] plaintext) {
        nextIv();
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            return gcm.doFinal(plaintext, 0, plaintext.length, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private int open(Cipher gcm, SecretKeySpec key, byte[] blob) {
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, 12));
            return gcm.doFinal(blob, 12, blob.length - 12, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] sealCopy(Cipher gcm, SecretKeySpec key, int plaintextLength, Random random) {
        byte[] plaintext = new byte[plaintextLength];
        random.nextBytes(plaintext);
        nextIv();
        byte[] blob = new byte[12 + plaintextLength + 16];
        System.arraycopy(iv, 0, blob, 0, 12);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            gcm.doFinal(plaintext, 0, plaintextLength, blob, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return blob;
    }

    private void nextIv() {
        long c = ++counter;
        for (int i = 0; i < 8; i++) iv[4 + i] = (byte) (c >>> (8 * i));
    }

    private static Cipher gcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecretKeySpec key(Random random) {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return new SecretKeySpec(k, "AES");
    }
}

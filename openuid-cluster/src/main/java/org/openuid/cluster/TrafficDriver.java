package org.openuid.cluster;

import com.uid2.client.BidstreamClient;
import com.uid2.client.DecryptionResponse;
import com.uid2.client.EncryptionDataResponse;
import com.uid2.client.IdentityMapV3Client;
import com.uid2.client.IdentityMapV3Input;
import com.uid2.client.IdentityMapV3Response;
import com.uid2.client.IdentityTokens;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.RefreshResponse;
import com.uid2.client.SharingClient;
import com.uid2.client.TokenGenerateInput;
import com.uid2.client.TokenGenerateResponse;
import com.uid2.client.TokenRefreshResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verified traffic through the load balancer with the official SDK (and {@link V2Client} for logout and opt-out
 * status). Each worker repeats: generate a token for a new email and decrypt it as a DSP; refresh it and decrypt the
 * new one; map emails with identity map v3; encrypt a raw UID as a sharer and decrypt it back; opt out a fresh
 * identity; check that an earlier acknowledged opt-out is reported. A DSP and a sharer download keys every second.
 */
final class TrafficDriver implements AutoCloseable {
    static final String GENERATE = "/v2/token/generate";
    static final String REFRESH = "/v2/token/refresh";
    static final String MAP = "/v3/identity/map";
    static final String BIDSTREAM_KEYS = "/v2/key/bidstream";
    static final String SHARING_KEYS = "/v2/key/sharing";
    static final String SHARING = "sharing encrypt+decrypt (SDK, local)";
    static final String LOGOUT = "/v2/token/logout";
    static final String OPTOUT_STATUS = "/v2/optout/status";

    private final String url;
    private final Credentials creds;
    private final Profile profile;
    private final Tally tally;
    private final OptOutLedger ledger;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong counter = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final BidstreamClient dsp;
    private final SharingClient sharer;
    private final V2Client v2 = new V2Client();
    private volatile BidstreamClient staleDsp;
    private volatile long staleDspUntilMs;

    TrafficDriver(String url, Credentials creds, Profile profile, Tally tally, OptOutLedger ledger) {
        this.url = url;
        this.creds = creds;
        this.profile = profile;
        this.tally = tally;
        this.ledger = ledger;
        dsp = new BidstreamClient(url, creds.role("ID_READER").key(), creds.role("ID_READER").secret());
        sharer = new SharingClient(url, creds.role("SHARER").key(), creds.role("SHARER").secret());
    }

    /** Downloads keys once (they must be there before the first token is decrypted), then starts the threads. */
    void start() {
        if (!dsp.refresh().isSuccess() || !sharer.refresh().isSuccess()) throw new IllegalStateException("first key download failed");
        thread("keys", this::keyLoop);
        for (int i = 0; i < profile.workers(); i++) thread("traffic-" + i, this::workLoop);
    }

    /**
     * Tokens are also decrypted with keys downloaded now and never again, until {@code untilMs} (a second call only
     * moves the end): the key timing promise that a DSP that downloaded keys before a rotation decrypts the tokens
     * issued right after it, until the new keys activate.
     */
    void freezeStaleDsp(long untilMs) {
        if (staleDsp == null) {
            BidstreamClient frozen = new BidstreamClient(url, creds.role("ID_READER").key(), creds.role("ID_READER").secret());
            RefreshResponse r = frozen.refresh();
            record(BIDSTREAM_KEYS, r.isSuccess(), r.getReason());
            staleDsp = frozen;
        }
        staleDspUntilMs = untilMs;
    }

    private void thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void keyLoop() {
        while (!stop.get()) {
            RefreshResponse d = dsp.refresh();
            record(BIDSTREAM_KEYS, d.isSuccess(), d.getReason());
            RefreshResponse s = sharer.refresh();
            record(SHARING_KEYS, s.isSuccess(), s.getReason());
            pause(1000);
        }
    }

    private void workLoop() {
        PublisherUid2Client publisher = new PublisherUid2Client(url, creds.role("GENERATOR").key(), creds.role("GENERATOR").secret());
        IdentityMapV3Client mapper = new IdentityMapV3Client(url, creds.role("MAPPER").key(), creds.role("MAPPER").secret());
        for (int i = 0; i < profile.maxOperations() && !stop.get(); i++) {
            switch (i % 4) {
                case 0 -> tokens(publisher);
                case 1 -> sharing(mapper);
                case 2 -> optOut(mapper);
                default -> checkOptOut();
            }
            pause(profile.pauseMillis());
        }
    }

    private void tokens(PublisherUid2Client publisher) {
        IdentityTokens identity;
        try {
            TokenGenerateResponse g = publisher.generateTokenResponse(TokenGenerateInput.fromEmail(email("g")));
            if (!g.isSuccess()) {
                tally.failed(GENERATE, g.isOptout() ? "optout for a fresh identity" : "not success");
                return;
            }
            identity = g.getIdentity();
        } catch (RuntimeException e) {
            tally.failed(GENERATE, describe(e));
            return;
        }
        verifyToken(GENERATE, identity.getAdvertisingToken());
        try {
            TokenRefreshResponse r = publisher.refreshToken(identity);
            if (!r.isSuccess()) tally.failed(REFRESH, r.isOptout() ? "optout for a fresh identity" : "not success");
            else verifyToken(REFRESH, r.getIdentity().getAdvertisingToken());
        } catch (RuntimeException e) {
            tally.failed(REFRESH, describe(e));
        }
    }

    /** The token must decrypt with the keys the DSP downloaded (and with the frozen ones while they are in force). */
    private void verifyToken(String endpoint, String token) {
        DecryptionResponse d = dsp.decryptTokenIntoRawUid(token, null);
        if (!d.isSuccess()) {
            tally.failed(endpoint, "token does not decrypt with the DSP's keys: " + d.getStatus());
            return;
        }
        BidstreamClient stale = staleDsp;
        if (stale != null && System.currentTimeMillis() < staleDspUntilMs) {
            DecryptionResponse s = stale.decryptTokenIntoRawUid(token, null);
            if (!s.isSuccess()) {
                tally.failed(endpoint, "token does not decrypt with keys downloaded before the rotation: " + s.getStatus());
                return;
            }
        }
        tally.ok(endpoint);
    }

    private void sharing(IdentityMapV3Client mapper) {
        String rawUid = map(mapper, email("m"));
        if (rawUid == null) return;
        EncryptionDataResponse e = sharer.encryptRawUidIntoToken(rawUid);
        if (!e.isSuccess()) {
            tally.failed(SHARING, "encrypt: " + e.getStatus());
            return;
        }
        DecryptionResponse d = sharer.decryptTokenIntoRawUid(e.getEncryptedData());
        if (!d.isSuccess() || !rawUid.equals(d.getUid())) tally.failed(SHARING, "decrypt: " + d.getStatus());
        else tally.ok(SHARING);
    }

    /** Maps one email (with two more in the batch); its current raw UID, or null after counting a failure. */
    private String map(IdentityMapV3Client mapper, String email) {
        try {
            IdentityMapV3Response r = mapper.generateIdentityMap(IdentityMapV3Input.fromEmails(List.of(email, email("m"), email("m"))));
            var mapped = r.getMappedIdentities().get(email);
            if (!r.isSuccess() || mapped == null || r.getMappedIdentities().size() != 3) {
                tally.failed(MAP, "not every email mapped");
                return null;
            }
            tally.ok(MAP);
            return mapped.getCurrentRawUid();
        } catch (RuntimeException e) {
            tally.failed(MAP, describe(e));
            return null;
        }
    }

    private void optOut(IdentityMapV3Client mapper) {
        String email = email("o");
        long mappedAt = System.currentTimeMillis();
        String rawUid = map(mapper, email);
        if (rawUid == null) return;
        try {
            V2Client.Answer a = v2.post(url, LOGOUT, creds.role("OPTOUT"), "{\"email\":\"" + email + "\"}");
            if (a.status() == 200 && "success".equals(a.json().path("status").asText())) {
                ledger.acknowledged(email, rawUid, mappedAt, System.currentTimeMillis());
                tally.ok(LOGOUT);
            } else {
                ledger.refused();
                tally.failed(LOGOUT, a.status() + " " + (a.body() == null ? a.json() : a.body().strip()));
            }
        } catch (Exception e) {
            ledger.refused();
            tally.failed(LOGOUT, describe(e));
        }
    }

    /** An opt-out acknowledged at least two seconds ago must be reported by whichever node answers. */
    private void checkOptOut() {
        OptOutLedger.Entry e = ledger.someOlderThan(System.currentTimeMillis() - 2_000);
        if (e == null) return;
        try {
            V2Client.Answer a = v2.post(url, OPTOUT_STATUS, creds.role("MAPPER"), "{\"advertising_ids\":[\"" + e.rawUid() + "\"]}");
            if (a.status() != 200) tally.failed(OPTOUT_STATUS, a.status() + " " + a.body().strip());
            else if (!a.json().path("body").path("opted_out").toString().contains(e.rawUid()))
                tally.failed(OPTOUT_STATUS, "acknowledged opt-out not reported");
            else tally.ok(OPTOUT_STATUS);
        } catch (Exception ex) {
            tally.failed(OPTOUT_STATUS, describe(ex));
        }
    }

    private void record(String endpoint, boolean success, String reason) {
        if (success) tally.ok(endpoint);
        else tally.failed(endpoint, reason);
    }

    private String email(String kind) {
        return kind + "-" + run + "-" + counter.incrementAndGet() + "@bench.example";
    }

    static String describe(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? "" : t.getMessage();
        return t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + (m.length() > 160 ? m.substring(0, 160) : m));
    }

    private void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            stop.set(true);
        }
    }

    /** Stops the threads and waits for requests in flight to end. */
    @Override
    public void close() {
        stop.set(true);
        for (Thread t : threads) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

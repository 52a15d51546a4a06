package org.openuid.server.it;

import com.uid2.client.BidstreamClient;
import com.uid2.client.DecryptionStatus;
import com.uid2.client.IdentityTokens;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.SharingClient;
import com.uid2.client.TokenGenerateInput;
import com.uid2.client.TokenRefreshResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.Role;
import org.openuid.server.jobs.KeyRotationJob;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation seen through the official SDK. The operator is bootstrapped 20 days in the past (its keys are
 * due for rotation), then its clock is set to now; rotation creates keys that activate one minute later
 * (key_activation_lead_minutes=1), and the clock is moved 90 s on (inside the request envelope's two-minute
 * window, so the SDK's requests stay fresh). Old and new tokens keep decrypting; old refresh tokens refresh.
 */
class KeyRotationSdkTest {
    static final long DAY_MS = 86_400_000L;
    static final AtomicLong OFFSET = new AtomicLong(-20 * DAY_MS);
    static TestOperator op;
    static PublisherUid2Client publisher;
    static TestOperator.Credentials reader;
    static TestOperator.Credentials sharer;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped(Map.of("key_activation_lead_minutes", "1", "key_lifetime_days", "30"),
                () -> System.currentTimeMillis() + OFFSET.get());
        OFFSET.set(0);
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
        reader = op.demo(Role.ID_READER);
        sharer = op.demo(Role.SHARER);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    static Instant opNow() {
        return Instant.ofEpochMilli(op.node.operator().now());
    }

    static int masterKeyId(String v4Token) {
        return ByteBuffer.wrap(Base64.getUrlDecoder().decode(v4Token), 2, 4).getInt();
    }

    @Test
    void tokensKeepDecryptingThroughARotation() {
        IdentityTokens before = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("user@example.com")).getIdentity();
        BidstreamClient early = new BidstreamClient(op.baseUrl, reader.key(), reader.secret());
        BidstreamClient stale = new BidstreamClient(op.baseUrl, reader.key(), reader.secret());
        assertThat(stale.refresh().isSuccess()).isTrue();
        assertThat(stale.decryptTokenIntoRawUid(before.getAdvertisingToken(), null, opNow()).getStatus()).isEqualTo(DecryptionStatus.SUCCESS);

        KeyRotationJob job = new KeyRotationJob(op.node.store(), op.node.operator().config().keyRotation(),
                op.node.operator().config().allowClockSkewSeconds(), op.node.state()::poll);
        long rotatedAt = op.node.operator().now();
        KeyRotationJob.Result result = job.runOnce(rotatedAt);
        assertThat(result.created()).extracting(KeysetKey::keysetId)
                .contains(Keyset.MASTER_KEYSET_ID, Keyset.REFRESH_KEYSET_ID, Keyset.FALLBACK_PUBLISHER_KEYSET_ID);
        assertThat(result.created()).allSatisfy(k -> assertThat(k.activates()).isEqualTo(rotatedAt / 1000 + 60));
        assertThat(result.deleted()).isEmpty();
        assertThat(job.runOnce(op.node.operator().now()).changed()).isFalse();

        // during the lead the old keys still encrypt; a DSP refreshing now already gets the new keys
        String during = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("user@example.com")).getIdentity().getAdvertisingToken();
        assertThat(masterKeyId(during)).isEqualTo(masterKeyId(before.getAdvertisingToken()));
        assertThat(early.refresh().isSuccess()).isTrue();

        OFFSET.addAndGet(90_000);
        String after = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("user@example.com")).getIdentity().getAdvertisingToken();
        int newMaster = result.created().stream().filter(k -> k.keysetId() == Keyset.MASTER_KEYSET_ID).findFirst().orElseThrow().id();
        assertThat(masterKeyId(after)).isEqualTo(newMaster);

        for (String t : new String[]{before.getAdvertisingToken(), during, after}) {
            assertThat(early.decryptTokenIntoRawUid(t, null, opNow()).getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        }
        // a DSP that has not refreshed since before the rotation cannot read new tokens until it does
        assertThat(stale.decryptTokenIntoRawUid(after, null, opNow()).getStatus()).isEqualTo(DecryptionStatus.NOT_AUTHORIZED_FOR_MASTER_KEY);
        assertThat(stale.refresh().isSuccess()).isTrue();
        assertThat(stale.decryptTokenIntoRawUid(after, null, opNow()).getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(stale.decryptTokenIntoRawUid(before.getAdvertisingToken(), null, opNow()).getStatus()).isEqualTo(DecryptionStatus.SUCCESS);

        // a refresh token issued under the old refresh key still refreshes, into a token under the new keys
        TokenRefreshResponse refreshed = publisher.refreshToken(before);
        assertThat(refreshed.isSuccess()).isTrue();
        assertThat(masterKeyId(refreshed.getIdentity().getAdvertisingToken())).isEqualTo(newMaster);
        assertThat(early.decryptTokenIntoRawUid(refreshed.getIdentity().getAdvertisingToken(), null, opNow()).getStatus())
                .isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(publisher.refreshToken(refreshed.getIdentity()).isSuccess()).isTrue();

        // sharing keeps working across the rotation (the SDK picks the active key by its own, real clock)
        SharingClient sharing = new SharingClient(op.baseUrl, sharer.key(), sharer.secret());
        assertThat(sharing.refresh().isSuccess()).isTrue();
        String shared = sharing.encryptRawUidIntoToken(SharingSdkTest.RAW_UID).getEncryptedData();
        assertThat(sharing.decryptTokenIntoRawUid(shared).getUid()).isEqualTo(SharingSdkTest.RAW_UID);
    }
}

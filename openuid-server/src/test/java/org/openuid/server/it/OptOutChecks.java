package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.uid2.client.IdentityMapClient;
import com.uid2.client.IdentityMapInput;
import com.uid2.client.IdentityMapResponse;
import com.uid2.client.IdentityMapV3Client;
import com.uid2.client.IdentityMapV3Input;
import com.uid2.client.IdentityMapV3Response;
import com.uid2.client.IdentityTokens;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import com.uid2.client.TokenGenerateResponse;
import com.uid2.client.UnmappedIdentityReason;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.model.Role;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asks every endpoint that honours opt-outs about one identity, through the official SDK where it has a client
 * (token generate and refresh, identity map v2 and v3) and from the spec otherwise (client-side generate,
 * /v2/optout/status).
 */
final class OptOutChecks {
    /** An identity as sent to the endpoints: its input kind and text. */
    record Who(DiiKind kind, String value) {
        static Who email(String v) { return new Who(DiiKind.EMAIL, v); }

        static Who phone(String v) { return new Who(DiiKind.PHONE, v); }

        static Who emailHash(String v) { return new Who(DiiKind.EMAIL_HASH, v); }

        static Who phoneHash(String v) { return new Who(DiiKind.PHONE_HASH, v); }

        /** Base64 identity hash (what client-side generation sends). */
        String hash() { return Base64.getEncoder().encodeToString(DiiParser.parse(kind, value).identityHash()); }

        TokenGenerateInput generateInput() {
            return switch (kind) {
                case EMAIL -> TokenGenerateInput.fromEmail(value);
                case EMAIL_HASH -> TokenGenerateInput.fromHashedEmail(value);
                case PHONE -> TokenGenerateInput.fromPhone(value);
                case PHONE_HASH -> TokenGenerateInput.fromHashedPhone(value);
            };
        }

        IdentityMapInput mapInput() {
            return switch (kind) {
                case EMAIL -> IdentityMapInput.fromEmails(List.of(value));
                case EMAIL_HASH -> IdentityMapInput.fromHashedEmails(List.of(value));
                case PHONE -> IdentityMapInput.fromPhones(List.of(value));
                case PHONE_HASH -> IdentityMapInput.fromHashedPhones(List.of(value));
            };
        }

        IdentityMapV3Input mapV3Input() {
            return switch (kind) {
                case EMAIL -> IdentityMapV3Input.fromEmails(List.of(value));
                case EMAIL_HASH -> IdentityMapV3Input.fromHashedEmails(List.of(value));
                case PHONE -> IdentityMapV3Input.fromPhones(List.of(value));
                case PHONE_HASH -> IdentityMapV3Input.fromHashedPhones(List.of(value));
            };
        }

        boolean phone() { return kind == DiiKind.PHONE || kind == DiiKind.PHONE_HASH; }
    }

    final TestOperator op;
    final PublisherUid2Client publisher;
    final IdentityMapClient mapV2;
    final IdentityMapV3Client mapV3;
    final TestOperator.Credentials mapper;
    final TestOperator.Credentials optout;
    final CstgTestClient cstg;

    OptOutChecks(TestOperator op) throws Exception {
        this.op = op;
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        this.publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
        this.mapper = op.demo(Role.MAPPER);
        this.mapV2 = new IdentityMapClient(op.baseUrl, mapper.key(), mapper.secret());
        this.mapV3 = new IdentityMapV3Client(op.baseUrl, mapper.key(), mapper.secret());
        this.optout = op.demo(Role.OPTOUT);
        JsonNode creds = CstgTestClient.JSON.readTree(op.node.operator().config().credentialsPath().toFile());
        this.cstg = new CstgTestClient(op.baseUrl, creds.get("cstg").get("subscription_id").asText(),
                creds.get("cstg").get("public_key").asText());
    }

    /** Tokens for an identity that is not opted out. */
    IdentityTokens tokens(Who who) {
        TokenGenerateResponse r = publisher.generateTokenResponse(who.generateInput());
        assertThat(r.isSuccess()).as("generate for %s", who).isTrue();
        return r.getIdentity();
    }

    /** The identity's current raw UID (identity map v2), while it is not opted out. */
    String rawUid(Who who) {
        IdentityMapResponse r = mapV2.generateIdentityMap(who.mapInput());
        assertThat(r.getMappedIdentities()).as("mapped %s", who).containsKey(who.value());
        return r.getMappedIdentities().get(who.value()).getRawUid();
    }

    /** POST /v2/token/logout with one identity field; returns the reply. */
    ApiClient.Reply logout(Who who) throws Exception {
        return op.api.v2("/v2/token/logout", optout.key(), optout.secret(),
                "{\"" + who.kind().field + "\":\"" + who.value() + "\"}");
    }

    /** Opt-out time in ms reported by /v2/optout/status for a raw UID, or -1 when not reported. */
    long optOutStatus(String rawUid) throws Exception {
        ApiClient.Reply r = op.api.v2("/v2/optout/status", mapper.key(), mapper.secret(),
                "{\"advertising_ids\":[\"" + rawUid + "\"]}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode list = r.json().get("body").get("opted_out");
        if (list.isEmpty()) return -1;
        assertThat(list.get(0).get("advertising_id").asText()).isEqualTo(rawUid);
        return list.get(0).get("opted_out_since").asLong();
    }

    /** Client-side generation for the identity's hash: the decrypted status. */
    String clientGenerateStatus(Who who) throws Exception {
        String field = who.phone() ? "phone_hash" : "email_hash";
        CstgTestClient.Prepared p = cstg.prepare("{\"" + field + "\":\"" + who.hash() + "\"}", null, System.currentTimeMillis());
        CstgTestClient.Answer a = cstg.send(p.body().toString(), "https://example.com", p.secret());
        assertThat(a.status()).as(a.rawBody()).isEqualTo(200);
        return a.json().get("status").asText();
    }

    /**
     * Every endpoint treats the identity as opted out: generate, client-side generate, refresh of a token pair
     * issued before, identity map v2 and v3, and /v2/optout/status for its raw UID from before (reported no earlier
     * than {@code notBeforeMs}, second precision).
     */
    void assertOptedOutEverywhere(Who who, IdentityTokens issuedBefore, String rawUidBefore, long notBeforeMs) throws Exception {
        assertThat(publisher.generateTokenResponse(who.generateInput()).isOptout()).as("generate %s", who).isTrue();
        assertThat(publisher.generateTokenResponse(who.generateInput().doNotGenerateTokensForOptedOut()).isOptout()).isTrue();
        assertThat(clientGenerateStatus(who)).as("client-generate %s", who).isEqualTo("optout");
        if (issuedBefore != null) assertThat(publisher.refreshToken(issuedBefore).isOptout()).as("refresh %s", who).isTrue();
        IdentityMapResponse v2 = mapV2.generateIdentityMap(who.mapInput());
        assertThat(v2.getMappedIdentities()).as("map v2 %s", who).isEmpty();
        assertThat(v2.getUnmappedIdentities().get(who.value()).getReason()).isEqualTo("optout");
        IdentityMapV3Response v3 = mapV3.generateIdentityMap(who.mapV3Input());
        assertThat(v3.getMappedIdentities()).as("map v3 %s", who).isEmpty();
        assertThat(v3.getUnmappedIdentities().get(who.value()).getReason()).isEqualTo(UnmappedIdentityReason.OPTOUT);
        if (rawUidBefore != null) {
            assertThat(optOutStatus(rawUidBefore)).as("optout/status %s", who)
                    .isGreaterThanOrEqualTo(notBeforeMs / 1000 * 1000).isLessThanOrEqualTo(System.currentTimeMillis());
        }
    }

    /** Every endpoint still serves the identity. */
    void assertNotOptedOut(Who who) throws Exception {
        assertThat(publisher.generateTokenResponse(who.generateInput()).isSuccess()).as("generate %s", who).isTrue();
        assertThat(clientGenerateStatus(who)).isEqualTo("success");
        assertThat(mapV2.generateIdentityMap(who.mapInput()).getMappedIdentities()).containsKey(who.value());
        assertThat(mapV3.generateIdentityMap(who.mapV3Input()).getMappedIdentities()).containsKey(who.value());
        assertThat(optOutStatus(rawUid(who))).isEqualTo(-1);
    }
}

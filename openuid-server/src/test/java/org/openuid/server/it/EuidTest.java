package org.openuid.server.it;

import com.uid2.client.BidstreamClient;
import com.uid2.client.DecryptionResponse;
import com.uid2.client.DecryptionStatus;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import com.uid2.client.TokenGenerateResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An EUID deployment: EUID tokens and raw UIDs, and the TCF consent check on token generation. */
class EuidTest {
    static final String SUFFICIENT = "CPehNtWPehNtWABAMBFRACBoALAAAEJAAIYgAKwAQAKgArABAAqAAA";
    static final String INSUFFICIENT = "CPehXK9PehXK9ABAMBFRACBoADAAAEJAAIYgAKwAQAKgArABAAqAAA";
    static TestOperator op;
    static TestOperator.Credentials gen;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped(Map.of("identity_scope", "euid"), System::currentTimeMillis);
        gen = op.demo(Role.GENERATOR);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    @Test
    void generatesEuidTokensThatTheSdkDecrypts() throws Exception {
        PublisherUid2Client publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
        TokenGenerateResponse r = publisher.generateTokenResponse(
                TokenGenerateInput.fromEmail("user@example.com").withTransparencyAndConsentString(SUFFICIENT));
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.getIdentity().getAdvertisingToken()).startsWith("E4");
        TestOperator.Credentials reader = op.demo(Role.ID_READER);
        BidstreamClient dsp = new BidstreamClient(op.baseUrl, reader.key(), reader.secret());
        assertThat(dsp.refresh().isSuccess()).isTrue();
        DecryptionResponse d = dsp.decryptTokenIntoRawUid(r.getIdentity().getAdvertisingToken(), null);
        assertThat(d.getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(publisher.refreshToken(r.getIdentity()).isSuccess()).isTrue();
    }

    @Test
    void consentIsCheckedWhenPresent() throws Exception {
        ApiClient.Reply ok = op.api.v2("/v2/token/generate", gen.key(), gen.secret(),
                "{\"email\":\"a@example.com\",\"tcf_consent_string\":\"" + SUFFICIENT + "\"}");
        assertThat(ok.json().get("status").asText()).isEqualTo("success");
        ApiClient.Reply absent = op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"a@example.com\"}");
        assertThat(absent.json().get("status").asText()).isEqualTo("success");
        ApiClient.Reply insufficient = op.api.v2("/v2/token/generate", gen.key(), gen.secret(),
                "{\"email\":\"a@example.com\",\"tcf_consent_string\":\"" + INSUFFICIENT + "\"}");
        assertThat(insufficient.status()).isEqualTo(200);
        assertThat(insufficient.json().toString()).isEqualTo("{\"status\":\"insufficient_user_consent\"}");
        for (String bad : new String[]{"\"\"", "\"garbage!\"", "\"CPehNtW\"", "123"}) {
            ApiClient.Reply r = op.api.v2("/v2/token/generate", gen.key(), gen.secret(),
                    "{\"email\":\"a@example.com\",\"tcf_consent_string\":" + bad + "}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.plainJson().get("message").asText()).isEqualTo("User consent is invalid");
        }
    }

    @Test
    void envelopeErrorsNameTheEuidDocs() throws Exception {
        ApiClient.Reply r = op.api.raw("/v2/token/generate", gen.key(), "text/plain", "not base64!".getBytes());
        assertThat(r.plainJson().get("message").asText()).contains("https://euid.eu/docs");
    }

    @Test
    void uid2DeploymentsIgnoreTheConsentString() throws Exception {
        try (TestOperator uid2 = TestOperator.bootstrapped()) {
            TestOperator.Credentials g = uid2.demo(Role.GENERATOR);
            ApiClient.Reply r = uid2.api.v2("/v2/token/generate", g.key(), g.secret(),
                    "{\"email\":\"a@example.com\",\"tcf_consent_string\":\"garbage!\"}");
            assertThat(r.json().get("status").asText()).isEqualTo("success");
        }
    }
}

package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uid2.client.BidstreamClient;
import com.uid2.client.DecryptionResponse;
import com.uid2.client.DecryptionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSTG request vectors of spec encryption.md §4.4 against the imported test data (keypair {@code 4WvryDGbR5},
 * site 123 with domains localhost and uidapi.com and app com.uid2.devapp): the old timestamp is accepted, the
 * answer decrypts with the vector's shared secret, and the SDK applies site 123's domain/app list to the token.
 */
class ImportedCstgTest {
    static final String SHARED_SECRET = "uB89QzhyC2QSZVAlcQqElgYwepmegFl9bRRYQGZ+GYg=";
    static final String REQUEST = """
            {"payload": "HZvExNKDbjM/UQkPD6vrqlL+lc1hgMpTMNbcabb6sB+sxdq2DFsIulbUZY/NvI9ypQ/rkWs3YVuk+HuhHiFNGmc8/TPhK6ffWGgPvS8=",
             "iv": "mZmZmZmZmZmZmZmZ",
             "public_key": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE92+xlW2eIrXsDzV4cSfldDKxLXHsMmjLIqpdwOqJ29pWTNnZMaY2ycZHFpxbp6UlQ6vVSpKwImTKr3uikm9yCw==",
             "timestamp": 1735689600000, "subscription_id": "4WvryDGbR5"}""";
    static final String APP_PAYLOAD = "HZvExNKDbjM/UQkPD6vrqlL+lc1hgMpTMNbcabb6sB+sxdq2DFsIulbUZY/NvI9ypQ/rkWs3YVuk+HuhHvqPDakc62efH0ZPvT+WG1c=";

    static TestOperator op;
    static BidstreamClient dsp;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.imported();
        dsp = new BidstreamClient(op.baseUrl, ImportedDataTest.READER_KEY, ImportedDataTest.READER_SECRET);
        assertThat(dsp.refresh().isSuccess()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    private static JsonNode send(String body, String origin) throws Exception {
        HttpResponse<byte[]> r = origin == null
                ? op.api.send("POST", "/v2/token/client-generate", "application/json", body.getBytes(StandardCharsets.UTF_8))
                : op.api.send("POST", "/v2/token/client-generate", "application/json", body.getBytes(StandardCharsets.UTF_8), "Origin", origin);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return new ObjectMapper().readTree(CstgTestClient.decrypt(Base64.getDecoder().decode(SHARED_SECRET),
                new String(r.body(), StandardCharsets.US_ASCII)));
    }

    @Test
    void specRequestVectorFromLocalhost() throws Exception {
        JsonNode answer = send(REQUEST, "http://localhost:8080");
        assertThat(answer.get("status").asText()).isEqualTo("success");
        String token = answer.get("body").get("advertising_token").asText();
        DecryptionResponse d = dsp.decryptTokenIntoRawUid(token, "localhost");
        assertThat(d.getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(d.getSiteId()).isEqualTo(123);
        assertThat(d.getIsClientSideGenerated()).isTrue();
        // raw UID of user@example.com in the test environment (spec tokens.md §2.6)
        assertThat(d.getUid()).isEqualTo("ICALImfE94kkoCsBn79kNqDk485MeuvZ3bHUdsmPcKIf");
        assertThat(dsp.decryptTokenIntoRawUid(token, "uidapi.com").getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(dsp.decryptTokenIntoRawUid(token, "com.uid2.devapp").getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(dsp.decryptTokenIntoRawUid(token, "example.com").getStatus()).isEqualTo(DecryptionStatus.DOMAIN_OR_APP_NAME_CHECK_FAILED);
        assertThat(dsp.decryptTokenIntoRawUid(token, null).getStatus()).isEqualTo(DecryptionStatus.DOMAIN_OR_APP_NAME_CHECK_FAILED);
    }

    @Test
    void specAppNameVectorWithoutOrigin() throws Exception {
        String body = REQUEST.replace("HiFNGmc8/TPhK6ffWGgPvS8=", "HvqPDakc62efH0ZPvT+WG1c=")
                .replace("\"subscription_id\": \"4WvryDGbR5\"", "\"subscription_id\": \"4WvryDGbR5\", \"app_name\": \"com.uid2.devapp\"");
        assertThat(body).contains(APP_PAYLOAD);
        JsonNode answer = send(body, null);
        assertThat(answer.get("status").asText()).isEqualTo("success");
        assertThat(dsp.decryptTokenIntoRawUid(answer.get("body").get("advertising_token").asText(), "com.uid2.devapp").getStatus())
                .isEqualTo(DecryptionStatus.SUCCESS);
    }
}

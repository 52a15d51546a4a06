package org.openuid.core.envelope;

import org.junit.jupiter.api.Test;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openuid.core.envelope.RequestEnvelopeTest.NONCE;
import static org.openuid.core.envelope.RequestEnvelopeTest.SECRET;

/** encryption.md §1.6, §1.7. */
class ResponseEnvelopeTest {
    private static final String JSON = "{\"body\":{\"advertising_token\":\"AT\",\"refresh_token\":\"RT\"},\"status\":\"success\"}";
    private static final String VECTOR = "d3d3d3d3d3d3d3d3Z7hR2lKlQHqXJ1WKTfPuCI89RQSLfNDxMNgp4xc2nGrvIFWR96OncWilOH3x4kcAW9aW1WY2LSnsp3F/anp9yjMSYzdnn8XYU+M8HdQpmcVzhwy/omjX0ETcjsVNwwdy4JaSMPdluc60v6o=";

    @Test
    void sealReproducesVerifiedVector() {
        byte[] blob = ResponseEnvelope.seal(SECRET, 1735689600005L, NONCE, JSON.getBytes(StandardCharsets.UTF_8),
                IvSource.constant((byte) 0x77));
        assertThat(Base64.getEncoder().encodeToString(blob)).isEqualTo(VECTOR);
    }

    @Test
    void sealInPlaceReproducesVerifiedVector() {
        byte[] json = JSON.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[ResponseEnvelope.HEADROOM + json.length + ResponseEnvelope.TAILROOM + 5];
        System.arraycopy(json, 0, buffer, ResponseEnvelope.HEADROOM, json.length);
        int n = ResponseEnvelope.sealInPlace(SECRET, 1735689600005L, NONCE, buffer, json.length, IvSource.constant((byte) 0x77));
        assertThat(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer, n))).isEqualTo(VECTOR);
    }

    @Test
    void sealInPlaceOfLargeAnswerOpens() throws Exception {
        byte[] json = "{\"body\":[\"x\"]}".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[ResponseEnvelope.HEADROOM + json.length + ResponseEnvelope.TAILROOM];
        System.arraycopy(json, 0, buffer, ResponseEnvelope.HEADROOM, json.length);
        int n = ResponseEnvelope.sealInPlace(SECRET, 1, NONCE, buffer, json.length, IvSource.secure());
        assertThat(n).isEqualTo(buffer.length);
        assertThat(ResponseEnvelope.open(SECRET, buffer, NONCE)).isEqualTo(json);
    }

    @Test
    void sealInPlaceChecksItsBuffer() {
        assertThatThrownBy(() -> ResponseEnvelope.sealInPlace(SECRET, 1, NONCE, new byte[40], 10, IvSource.secure()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseEnvelope.sealInPlace(SECRET, 1, new byte[7], new byte[80], 10, IvSource.secure()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openVerifiedVector() throws Exception {
        byte[] json = ResponseEnvelope.open(SECRET, Base64.getDecoder().decode(VECTOR), NONCE);
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(JSON);
    }

    @Test
    void nonceMismatchAndTamperingFail() {
        byte[] blob = Base64.getDecoder().decode(VECTOR);
        byte[] otherNonce = NONCE.clone();
        otherNonce[7] ^= 1;
        assertThatThrownBy(() -> ResponseEnvelope.open(SECRET, blob, otherNonce)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> ResponseEnvelope.open(SECRET, blob, null)).isInstanceOf(CryptoException.class);
        byte[] bad = blob.clone();
        bad[20] ^= 1;
        assertThatThrownBy(() -> ResponseEnvelope.open(SECRET, bad, NONCE)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> ResponseEnvelope.open(SECRET, new byte[10], NONCE)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> ResponseEnvelope.open(SECRET, null, NONCE)).isInstanceOf(CryptoException.class);
    }

    @Test
    void emptyJsonRoundTrip() throws Exception {
        byte[] blob = ResponseEnvelope.seal(SECRET, 1, NONCE, null, IvSource.secure());
        assertThat(blob).hasSize(16 + 28);
        assertThat(ResponseEnvelope.open(SECRET, blob, NONCE)).isEmpty();
        assertThatThrownBy(() -> ResponseEnvelope.seal(SECRET, 1, new byte[9], null, IvSource.secure()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

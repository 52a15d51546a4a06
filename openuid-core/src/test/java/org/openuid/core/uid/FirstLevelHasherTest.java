package org.openuid.core.uid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** tokens.md §2.2, §2.6. */
class FirstLevelHasherTest {
    private final FirstLevelHasher hasher = new FirstLevelHasher(TestSalts.FIRST_LEVEL_SALT);

    @ParameterizedTest
    @CsvSource({
            "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=, sNucuuqRSevxEAlg4mdhE+VFd+d/XOb6N/kYA5QS/zE=",
            "ntI244ZRTXwAwpki6/M5cyBYW7h/Wq576lnN3l9+W/c=, FNRbc+HsgQYwm/ayjooe5zLbFPRUCPm587ODCTck9is=",
            "EObwtHBUqDNZR33LNSMdtt5cafsYFuGmuY4ZLenlue4=, urve3oGxLtO2WGhlQFKMzqhXOdYqSB53Rrgqpp9CFjY=",
            "lz3+Rj7IV4X1+Vr1ujkG7tstkxwk5pgkqJ6mXbpOgTs=, RNzyiMMy106hy8MpBOsHBe+ZZkQR8IbUAG/IC2OrNr4=",
    })
    void verifiedVectors(String identityHash, String firstLevelHash) {
        byte[] fl = hasher.firstLevelHash(Base64.getDecoder().decode(identityHash));
        assertThat(Base64.getEncoder().encodeToString(fl)).isEqualTo(firstLevelHash);
    }

    @Test
    void stepDetailHex() {
        byte[] fl = hasher.firstLevelHash(Base64.getDecoder().decode("tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ="));
        assertThat(HexFormat.of().formatHex(fl)).isEqualTo("b0db9cbaea9149ebf1100960e2676113e54577e77f5ce6fa37f918039412ff31");
    }

    @Test
    void thirtyThreeByteIdentityHashIsReencoded() {
        byte[] hash33 = Base64.getDecoder().decode("tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQQ");
        assertThat(hash33).hasSize(33);
        byte[] expected = org.openuid.core.crypto.Sha256.hash(
                (Base64.getEncoder().encodeToString(hash33) + TestSalts.FIRST_LEVEL_SALT).getBytes());
        assertThat(hasher.firstLevelHash(hash33)).isEqualTo(expected);
    }

    @Test
    void longIdentityHashesWork() {
        byte[] big = new byte[100];
        byte[] expected = org.openuid.core.crypto.Sha256.hash(
                (Base64.getEncoder().encodeToString(big) + TestSalts.FIRST_LEVEL_SALT).getBytes());
        assertThat(hasher.firstLevelHash(big)).isEqualTo(expected);
    }

    @Test
    void saltIsRequired() {
        assertThatThrownBy(() -> new FirstLevelHasher(null)).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.openuid.core.uid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** tokens.md §2.3, §2.6. */
class BucketIndexTest {

    @ParameterizedTest
    @CsvSource({
            "sNucuuqRSevxEAlg4mdhE+VFd+d/XOb6N/kYA5QS/zE=, 724412, 2",
            "FNRbc+HsgQYwm/ayjooe5zLbFPRUCPm587ODCTck9is=, 85323, 3",
            "urve3oGxLtO2WGhlQFKMzqhXOdYqSB53Rrgqpp9CFjY=, 764862, 2",
            "RNzyiMMy106hy8MpBOsHBe+ZZkQR8IbUAG/IC2OrNr4=, 282050, 0",
    })
    void verifiedVectors(String firstLevelHash, int idx20, int row) {
        byte[] fl = Base64.getDecoder().decode(firstLevelHash);
        assertThat(BucketIndex.idx20(fl)).isEqualTo(idx20);
        assertThat(BucketIndex.of(fl, 5)).isEqualTo(row);
        assertThat(BucketIndex.of(fl, BucketIndex.FULL_SIZE)).isEqualTo(idx20);
    }

    @Test
    void usesLowNibbleOfThirdByte() {
        byte[] fl = {(byte) 0xFF, (byte) 0xFF, (byte) 0xF3, 0};
        assertThat(BucketIndex.idx20(fl)).isEqualTo(0xFFFF3);
        assertThat(BucketIndex.of(fl, 1 << 20)).isEqualTo(0xFFFF3);
        assertThat(BucketIndex.of(fl, 1 << 21)).isEqualTo(0xFFFF3);
        assertThat(BucketIndex.of(fl, 1000)).isEqualTo(0xFFFF3 % 1000);
        assertThat(BucketIndex.of(new byte[3], 7)).isZero();
    }

    @Test
    void rejectsEmptyTable() {
        assertThatThrownBy(() -> BucketIndex.of(new byte[32], 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

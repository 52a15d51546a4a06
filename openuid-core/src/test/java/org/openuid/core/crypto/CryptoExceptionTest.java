package org.openuid.core.crypto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CryptoExceptionTest {
    @Test
    void carriesOnlyTheMessage() {
        CryptoException e = new CryptoException("GCM decryption failed");
        assertThat(e).hasMessage("GCM decryption failed").hasNoCause();
        assertThat(e.getStackTrace()).isEmpty();
    }
}

package org.openuid.core.consent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openuid.core.consent.TcfConsent.Result.INSUFFICIENT;
import static org.openuid.core.consent.TcfConsent.Result.INVALID;
import static org.openuid.core.consent.TcfConsent.Result.SUFFICIENT;

class TcfConsentTest {
    static final String SUFFICIENT_STRING = "CPehNtWPehNtWABAMBFRACBoALAAAEJAAIYgAKwAQAKgArABAAqAAA";
    static final String MISSING_PURPOSE_1 = "CPehXK9PehXK9ABAMBFRACBoADAAAEJAAIYgAKwAQAKgArABAAqAAA";

    @Test
    void referenceStrings() {
        assertThat(TcfConsent.evaluate(SUFFICIENT_STRING, 21)).isEqualTo(SUFFICIENT);
        assertThat(TcfConsent.evaluate(MISSING_PURPOSE_1, 21)).isEqualTo(INSUFFICIENT);
    }

    @Test
    void otherSegmentsAreIgnored() {
        assertThat(TcfConsent.evaluate(SUFFICIENT_STRING + ".YAAAAAAAAAAA", 21)).isEqualTo(SUFFICIENT);
    }

    @Test
    void aVendorWithoutConsentIsInsufficient() {
        assertThat(TcfConsent.evaluate(SUFFICIENT_STRING, 9999)).isEqualTo(INSUFFICIENT);
    }

    @Test
    void malformedStringsAreInvalid() {
        assertThat(TcfConsent.evaluate("", 21)).isEqualTo(INVALID);
        assertThat(TcfConsent.evaluate(null, 21)).isEqualTo(INVALID);
        assertThat(TcfConsent.evaluate("not base64 !!", 21)).isEqualTo(INVALID);
        assertThat(TcfConsent.evaluate("CPehNtWPehNtWABAMBFRACBoA", 21)).isEqualTo(INVALID);
        assertThat(TcfConsent.evaluate("BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA", 21)).isEqualTo(INVALID); // version 1
        assertThat(TcfConsent.evaluate(SUFFICIENT_STRING.substring(0, 40), 21)).isEqualTo(INVALID);
    }
}

package org.openuid.core.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** normalization.md §2. */
class PhoneValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"+12345678901", "+1234567890", "+123456789012345", "+6512345678", "+61491570006",
            "+441234567890", "+00000000000", "+00000000002"})
    void accepts(String phone) {
        assertThat(PhoneValidator.isValid(phone)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+123456789", "+1234567890123456", "12345678901", "+1 2345678901", "", "+",
            "+12345678901 ", " +12345678901", "++12345678901", "+1234567890a", "+١٢٣٤٥٦٧٨٩٠١", "+12-345678901"})
    void rejects(String phone) {
        assertThat(PhoneValidator.isValid(phone)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(PhoneValidator.isValid(null)).isFalse();
    }
}

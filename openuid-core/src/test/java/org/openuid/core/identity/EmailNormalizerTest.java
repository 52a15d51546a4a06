package org.openuid.core.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** normalization.md §1.3. */
class EmailNormalizerTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "user@example.com|user@example.com",
            "USER@EXAMPLE.COM|user@example.com",
            "  User@Example.com  |user@example.com",
            "username@example.com|username@example.com",
            "Jane.Doe+Work@Gmail.com|janedoe@gmail.com",
            "jane.doe@GMAIL.COM|janedoe@gmail.com",
            "jane.doe+work@example.com|jane.doe+work@example.com",
            "JANE.SAOIRSE@gmail.com|janesaoirse@gmail.com",
            "janedoe@googlemail.com|janedoe@googlemail.com",
            "a.b.c+d+e@gmail.com|abc@gmail.com",
            " jane doe@example.com|janedoe@example.com",
            "first last @example.com|firstlast@example.com",
            // the table's "normalized" column shows "user@example .com", but its verified hash is that of
            // "user@ example .com": the reference keeps leading domain spaces (see DiiParserTest)
            "user@ example .com |user@ example .com",
            "ÉLODIE@example.com|Élodie@example.com",
            "user@gmail.com.|user@gmail.com.",
            "a@b|a@b",
    })
    void normalizesLikeTheReference(String input, String expected) {
        assertThat(EmailNormalizer.normalize(input)).isEqualTo(expected);
    }

    @Test
    void keepsTabs() {
        assertThat(EmailNormalizer.normalize("user@example.com\t")).isEqualTo("user@example.com\t");
        assertThat(EmailNormalizer.normalize("\tuser@example.com")).isEqualTo("\tuser@example.com");
    }

    @Test
    void keepsInteriorDomainSpaceRunsAndNonAsciiCase() {
        assertThat(EmailNormalizer.normalize("U S E R@ a   b ")).isEqualTo("user@ a   b");
        assertThat(EmailNormalizer.normalize("ÄÖÜ@X.DE")).isEqualTo("ÄÖÜ@x.de");
        assertThat(EmailNormalizer.normalize("a+b@gmail.com ")).isEqualTo("a@gmail.com");
        assertThat(EmailNormalizer.normalize(".a.+x@gmail.com")).isEqualTo("a@gmail.com");
        assertThat(EmailNormalizer.normalize("+tag@example.com")).isEqualTo("+tag@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@@example.com", "@example.com", "user@", "+tag@gmail.com", "...@gmail.com",
            "", " ", "no-at-sign", "user@   ", "a@b@c", "   @example.com"})
    void rejectsInvalid(String input) {
        assertThat(EmailNormalizer.normalize(input)).isNull();
    }

    @Test
    void rejectsNull() {
        assertThat(EmailNormalizer.normalize(null)).isNull();
    }
}

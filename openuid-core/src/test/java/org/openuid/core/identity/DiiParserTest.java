package org.openuid.core.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.openuid.core.crypto.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** normalization.md §1.3, §2, §3, §4. */
class DiiParserTest {

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "user@example.com|tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=",
            "USER@EXAMPLE.COM|tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=",
            "  User@Example.com  |tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=",
            "username@example.com|eVvLS/Vg+YZ6+z3i0NOpSXYyQAfEXqCZ7BTpAjFUBUc=",
            "Jane.Doe+Work@Gmail.com|1hFzBkhe0OUK+rOshx6Y+BaZFR8wKBUn1j/18jNlbGk=",
            "jane.doe@GMAIL.COM|1hFzBkhe0OUK+rOshx6Y+BaZFR8wKBUn1j/18jNlbGk=",
            "jane.doe+work@example.com|ATGoKw7QMMup47Lz9kChUxWKLHWXp1IS2V+hW4wwnSE=",
            "JANE.SAOIRSE@gmail.com|ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8=",
            "janedoe@googlemail.com|M4q/nvHIeTytx7z1HtWVM463J+2eBs49kdVm1guXWTc=",
            "a.b.c+d+e@gmail.com|SN25PwswxHVCP+F3gykSxbzc48xyhy+AUWJ5Z+8njgg=",
            " jane doe@example.com|xNJenJD/I+kUU5e8b71ThcpfvnghEiLMvs0LNp67GaY=",
            "first last @example.com|oFz5yqcXMUxSQRCFwTJsapBxoKbTd2fdFA0dJsBYhYs=",
            "user@ example .com |sisjIHGbpB6PJnF9krFx55v9wal23iUSYUsRN/ErhI4=",
            "ÉLODIE@example.com|qFm2koEJ/B5tVpEoHPyc1H2lgaGEMhGHzdzn472tqc0=",
            "user@gmail.com.|VKy5o/PNA48959VOkPbri/uutrNGVwi2cO3M6gWEPoI=",
            "a@b|dQjYtQGOpkC4UmmGGhASA/DCaQBVUmjpMAJdrIRLDzU=",
            // docs examples
            "MyEmail@example.com|FsGNM28LJQ8OLZB0Us65ZYp07NrovJSGTCMSKnLMJ6U=",
            "My.Email@example.com|4itTvG+HEnTzpiqzejyu1yFPwU1nYhWpaiQvz62hyB8=",
            "JaneSaoirse+Work@example.com|KKruSBUjDNO069iMUVImVQZm6RrAGZKeOtrD9mwogYA=",
            // test identities (§4)
            "validate@example.com|ntI244ZRTXwAwpki6/M5cyBYW7h/Wq576lnN3l9+W/c=",
            "optout@example.com|DYsnJ8r5+cjRDHue98gIGDKvLIMuqAm/RRLODrjqK50=",
            "refresh-optout@example.com|NaNI8RU0bL1Jpp1jJLC5aJO/lchc6gGhgXQIAwJ7cV4=",
            "optout@unifiedid.com|MIztzt4S54decyIGQqjaUraMo3Nz5HxEF9eO7t/zZqk=",
    })
    void emailHashes(String email, String expectedHash) {
        UserIdentity id = DiiParser.parse(DiiKind.EMAIL, email);
        assertThat(id).isNotNull();
        assertThat(id.type()).isEqualTo(IdentityType.EMAIL);
        assertThat(b64(id.identityHash())).isEqualTo(expectedHash);
    }

    @Test
    void emailWithTabHash() {
        UserIdentity id = DiiParser.parse(DiiKind.EMAIL, "user@example.com\t");
        assertThat(b64(id.identityHash())).isEqualTo("ob1TNPDmn8m2Yfu/VguG/pU+nRTP4qR+0A3R69w25fY=");
    }

    @Test
    void unnormalizedDocsExampleIsPlainSha256() {
        assertThat(b64(Sha256.hash("JANESaoirse@gmail.com".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("VpLXEp5N1bj/V1WzjgZsC+FfuYdntAOywSVIO00FD/E=");
        assertThat(b64(DiiParser.parse(DiiKind.EMAIL, "JANESaoirse@gmail.com").identityHash()))
                .isNotEqualTo("VpLXEp5N1bj/V1WzjgZsC+FfuYdntAOywSVIO00FD/E=");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+12345678901|EObwtHBUqDNZR33LNSMdtt5cafsYFuGmuY4ZLenlue4=",
            "+00000000000|313yQvZOTb0vjjEU7sTO/UWxGPzVppIbCyQEJEnfxLo=",
            "+00000000002|0VoxsIuk88qt7TnZaTC//C9Vur3pR1zBMIr1cJe7xjE=",
            "+00000000001|M5tETCkakEH/MReteWsk6HwlyuPtK83wqZlgL9diqnI=",
    })
    void phoneHashes(String phone, String expectedHash) {
        UserIdentity id = DiiParser.parse(DiiKind.PHONE, phone);
        assertThat(id.type()).isEqualTo(IdentityType.PHONE);
        assertThat(b64(id.identityHash())).isEqualTo(expectedHash);
    }

    @Test
    void phoneHashHex() {
        assertThat(HexFormat.of().formatHex(DiiParser.parse(DiiKind.PHONE, "+12345678901").identityHash()))
                .isEqualTo("10e6f0b47054a83359477dcb35231db6de5c69fb1816e1a6b98e192de9e5b9ee");
    }

    @Test
    void invalidRawInputs() {
        for (String email : new String[]{"user@@example.com", "@example.com", "user@", "+tag@gmail.com", "...@gmail.com"}) {
            assertThat(DiiParser.parse(DiiKind.EMAIL, email)).as(email).isNull();
        }
        for (String phone : new String[]{"+123456789", "+1234567890123456", "12345678901", "+1 2345678901"}) {
            assertThat(DiiParser.parse(DiiKind.PHONE, phone)).as(phone).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DiiKind.class, names = {"EMAIL_HASH", "PHONE_HASH"})
    void hashInputs(DiiKind kind) {
        byte[] expected = Base64.getDecoder().decode("tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=");
        UserIdentity b64 = DiiParser.parse(kind, "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=");
        assertThat(b64.type()).isEqualTo(kind.type);
        assertThat(b64.identityHash()).hasSize(32).isEqualTo(expected);
        assertThat(DiiParser.parse(kind, "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514").identityHash())
                .isEqualTo(expected);
        assertThat(DiiParser.parse(kind, "B4C9A289323B21A01C3E940F150EB9B8C542587F1ABFD8F0E1CC1FFC5E475514").identityHash())
                .isEqualTo(expected);
        assertThat(DiiParser.parse(kind, "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf_F5HVRQ=")).isNull();
        assertThat(DiiParser.parse(kind, "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ")).isNull();
        assertThat(DiiParser.parse(kind, "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQQ").identityHash()).hasSize(33);
        assertThat(DiiParser.parse(kind, "wdN1alhrbw1Bmz49GzKGdPvGxLhCNn7n3teAOQ/FSK4=").identityHash()).hasSize(32);
    }

    @ParameterizedTest
    @EnumSource(value = DiiKind.class, names = {"EMAIL_HASH", "PHONE_HASH"})
    void invalidHashInputs(DiiKind kind) {
        assertThat(DiiParser.parse(kind, null)).isNull();
        assertThat(DiiParser.parse(kind, "")).isNull();
        assertThat(DiiParser.parse(kind, "user@example.com")).isNull();
        assertThat(DiiParser.parse(kind, "g4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514")).isNull();
        assertThat(DiiParser.parse(kind, "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e47551")).isNull();
        assertThat(DiiParser.parse(kind, "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf F5HVRQ=")).isNull();
        assertThat(DiiParser.parse(kind, "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HV=Q=")).isNull();
        assertThat(DiiParser.parse(kind, "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e47551４")).isNull();
    }

    @Test
    void nullInputs() {
        for (DiiKind kind : DiiKind.all()) {
            assertThat(DiiParser.parse(kind, null)).isNull();
        }
        assertThat(DiiParser.parse(null, "user@example.com")).isNull();
    }
}

package org.openuid.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openuid.core.uid.BucketIdEncoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBytesTest {
    @Test
    void stringsRoundTripThroughAJsonParser() throws Exception {
        String[] samples = {"", "plain@example.com", "quote\" backslash\\ slash/", "tab\tnew\nline\rbell\u0007\u0000\u001f",
                "é ü ß", "日本語", "emoji \uD83D\uDE00 pair", "\u007f\u0080\u07ff\u0800\uffff"};
        for (String s : samples) {
            JsonBytes out = new JsonBytes(0, 4).string(s);
            assertThat(Json.mapper().readTree(out.toString()).textValue()).as(s).isEqualTo(s);
            byte[] bytes = Arrays.copyOf(out.array(), out.length());
            assertThat(bytes).isEqualTo(out.toString().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(new JsonBytes(0, 4).string(null).toString()).isEqualTo("null");
    }

    @Test
    void unpairedSurrogatesAreEscapedSoTheBytesStayUtf8() {
        assertThat(new JsonBytes(0, 4).string("a\uD800").toString()).isEqualTo("\"a\\ud800\"");
        assertThat(new JsonBytes(0, 4).string("\uDC00b").toString()).isEqualTo("\"\\udc00b\"");
        assertThat(new JsonBytes(0, 4).string("\uD83D").toString()).isEqualTo("\"\\ud83d\"");
        assertThat(new JsonBytes(0, 4).string("\uDE00\uD83D").toString()).isEqualTo("\"\\ude00\\ud83d\"");
    }

    @Test
    void escapesOnlyWhatJsonNeeds() {
        assertThat(new JsonBytes(0, 4).string("a\"b\\c\nd\u0001é").toString()).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é\"");
        assertThat(new JsonBytes(0, 4).string("x\uD800y").toString()).isEqualTo("\"x\\ud800y\"");
    }

    @Test
    void base64MatchesTheJdk() {
        Random random = new Random(7);
        for (int n = 0; n < 70; n++) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            assertThat(new JsonBytes(0, 1).base64(b).toString()).isEqualTo("\"" + Base64.getEncoder().encodeToString(b) + "\"");
        }
    }

    @Test
    void asciiBytesAreWrittenAsTheirText() {
        JsonBytes out = new JsonBytes(5, 1);
        for (int i = 0; i < 1000; i++) out.ascii(",\"advertising_id\":".getBytes(StandardCharsets.US_ASCII)).ascii(new byte[0]);
        assertThat(out.toString()).isEqualTo(",\"advertising_id\":".repeat(1000));
    }

    @Test
    void numbers() {
        for (long v : new long[]{0, 7, 10, -1, -10, 99, 100, 1735689600, 1735689600000L, 99_999_999L, 100_000_000L,
                999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE, -Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(new JsonBytes(0, 1).number(v).toString()).isEqualTo(Long.toString(v));
        }
        long p = 1;
        for (int d = 1; d < 19; d++, p *= 10) {
            for (long v : new long[]{p - 1, p, p + 1, 10 * p - 1}) {
                assertThat(new JsonBytes(0, 1).number(v).toString()).isEqualTo(Long.toString(v));
                assertThat(new JsonBytes(0, 1).number(-v).toString()).isEqualTo(Long.toString(-v));
            }
        }
        Random random = new Random(11);
        JsonBytes many = new JsonBytes(3, 1);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            long v = random.nextLong() >> random.nextInt(64);
            many.number(v).ascii(",");
            expected.append(v).append(',');
        }
        assertThat(many.toString()).isEqualTo(expected.toString());
    }

    @Test
    void bucketIdsAreTheEncodersText() {
        BucketIdEncoder encoder = new BucketIdEncoder("b", "HF6Qz42HBbVHINxhh191dB09BCuTWyBkNtrNicO4ZCw=");
        assertThat(new JsonBytes(0, 1).bucketId(encoder, 1048575).toString()).isEqualTo("\"bka0r2EG3X\"");
        BucketIdEncoder quoted = new BucketIdEncoder("q\"", "s");
        assertThat(new JsonBytes(0, 1).bucketId(quoted, 1).toString()).isEqualTo("\"q\\\"" + quoted.encode(1).substring(2) + "\"");
    }

    @Test
    void keepsItsHeadroomAndGrows() {
        JsonBytes out = new JsonBytes(28, 1);
        for (int i = 0; i < 10_000; i++) out.ascii(i == 0 ? "[" : ",").number(i);
        out.ascii(']');
        assertThat(out.array().length).isGreaterThanOrEqualTo(28 + out.length());
        String text = new String(out.array(), 28, out.length(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("[0,1,2,").endsWith(",9999]").isEqualTo(out.toString());
        JsonBytes copy = new JsonBytes(3, 1).ascii('{').append(out).ascii('}');
        assertThat(copy.toString()).isEqualTo("{" + text + "}");
        assertThat(new JsonBytes(0, 0).isEmpty()).isTrue();
        assertThatThrownBy(() -> new JsonBytes(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

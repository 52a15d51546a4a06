package org.openuid.server.http;

import org.junit.jupiter.api.Test;
import org.openuid.core.envelope.RequestEnvelope;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FlatObjectReader} reads plain payloads as the JSON parser does, and leaves every other payload to it. */
class FlatObjectReaderTest {
    private static final String[] NAMES = {"email", "email_hash", "phone", "phone_hash", "tcf_consent_string"};

    /** What {@link Json#objectFields} answers through the JSON parser: the object check, then the fields. */
    private static String[] viaParser(byte[] p) {
        return RequestEnvelope.isJsonObject(p) ? Json.scalarFields(p, NAMES) : null;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsWhatTheSdksSend() {
        for (String p : List.of("{}", "{\"email\":\"User@Example.com\"}", "{\"email\":\"a@b.c\",\"optout_check\":1}",
                "{\"email_hash\":\"eVvLS/Vg+YZ6+z3i0NOpSXYyQAfEXqCZ7BTpAjFUBUc=\",\"optout_check\":1}",
                "{\"phone\":\"+12345678901\",\"policy\":1,\"tcf_consent_string\":\"CPXxRfAPXxRfAAfKABENB\"}",
                " {\n\t\"phone_hash\" : \"x\" , \"email\":null,\"a\":true,\"b\":false,\"c\":-0 }\r\n")) {
            byte[] b = bytes(p);
            assertThat(FlatObjectReader.read(b, NAMES)).as(p).isNotNull().containsExactly(viaParser(b));
        }
    }

    @Test
    void leavesEverythingElseToTheParser() {
        for (String p : List.of("", " ", "[1]", "\"x\"", "null", "{", "{\"email\":\"a\"", "{\"email\":\"a\"}{}",
                "{\"email\":\"a\"} x", "{\"email\":\"a\",}", "{'email':'a'}", "{\"email\":\"\\u0041\"}",
                "{\"email\":\"a\\\"b\"}", "{\"email\":1.5}", "{\"email\":1e3}", "{\"email\":01}", "{\"email\":-}",
                "{\"email\":1234567890123456789}", "{\"email\":[1]}", "{\"email\":{}}", "{\"email\":NaN}",
                "{\"email\":truex}", "{\"email\":\"a\" /* c */}", "{\"em\\u0061il\":\"a\"}", "{\"email\":\"\u00e9\"}",
                "{\"email\":\"a\tb\"}", "\uFEFF{}", "{\"email\":\"a\"\u000b}")) {
            assertThat(FlatObjectReader.read(bytes(p), NAMES)).as(p).isNull();
        }
    }

    @Test
    void agreesWithTheParserOnRandomPayloads() {
        Random random = new Random(7);
        String[] pieces = {"{", "}", "\"email\"", "\"phone\"", "\"x\"", ":", ",", " ", "\n", "\"a@b.c\"", "\"\"", "0", "-0",
                "12", "-7", "1.5", "1e2", "true", "false", "null", "[", "]", "\"\\n\"", "\"\u00e9\"", "01", "\"tcf_consent_string\""};
        int plain = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder();
            if (random.nextInt(3) > 0) {
                // mostly well-formed objects, with the odd piece thrown in
                sb.append('{');
                int fields = random.nextInt(4);
                for (int f = 0; f < fields; f++) {
                    if (f > 0) sb.append(',');
                    sb.append(pieces[2 + random.nextInt(3)]).append(':').append(pieces[9 + random.nextInt(pieces.length - 9)]);
                    if (random.nextInt(8) == 0) sb.append(pieces[random.nextInt(pieces.length)]);
                }
                sb.append('}');
            } else {
                int k = random.nextInt(8);
                for (int i = 0; i < k; i++) sb.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] b = bytes(sb.toString());
            String[] fast = FlatObjectReader.read(b, NAMES);
            if (fast == null) continue;
            plain++;
            String[] expected = viaParser(b);
            assertThat(expected).as(sb.toString()).isNotNull();
            assertThat(fast).as(sb.toString()).containsExactly(expected);
        }
        assertThat(plain).isGreaterThan(10_000);
    }
}

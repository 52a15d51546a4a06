package org.openuid.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Json#scalarFields} reads fields exactly as the tree ({@link Json#parseObject} + {@link Json#scalarText}) does. */
class JsonScalarFieldsTest {
    private static final String[] NAMES = {"email", "email_hash", "phone", "phone_hash", "tcf_consent_string"};

    /** What the tree-based reading gives: text, {@link Json#CONTAINER} for objects and arrays, null if absent or null. */
    private static String[] viaTree(String json) {
        ObjectNode o = Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
        String[] out = new String[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            JsonNode v = o.get(NAMES[i]);
            if (v == null || v.isNull()) continue;
            out[i] = v.isContainerNode() ? Json.CONTAINER : Json.scalarText(v);
        }
        return out;
    }

    @Test
    void sameAsTheTreeForEveryKindOfValue() {
        List<String> payloads = List.of(
                "{}",
                "{\"email\":\"User@Example.com\"}",
                "{\"email_hash\":\"eVvLS/Vg+YZ6+z3i0NOpSXYyQAfEXqCZ7BTpAjFUBUc=\",\"optout_check\":1}",
                "{\"phone\":\"+12345678901\",\"policy\":{\"a\":[1,2,{\"b\":null}]},\"email\":null}",
                "{\"email\":12345,\"phone\":-0,\"phone_hash\":1.5e3,\"email_hash\":true,\"tcf_consent_string\":false}",
                "{\"email\":123456789012345678901234567890,\"phone\":1E400,\"phone_hash\":0.1}",
                "{\"email\":[\"a\"],\"email_hash\":{},\"phone\":\"x\\u00e9\\n\\\"\"}",
                "{\"email\":\"first\",\"email\":\"second\",\"phone\":[1],\"phone\":null}",
                " { \"tcf_consent_string\" : \"CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA\" } ");
        for (String p : payloads) {
            assertThat(Json.scalarFields(p.getBytes(StandardCharsets.UTF_8), NAMES)).as(p).containsExactly(viaTree(p));
        }
    }

    /** {@link Json#objectFields} answers what the object check followed by {@link Json#scalarFields} answers. */
    @Test
    void objectFieldsIsTheObjectCheckAndScalarFieldsInOnePass() {
        List<byte[]> payloads = new java.util.ArrayList<>();
        for (String p : List.of("{}", " {\"email\":\"a@b.c\"} ", "{\"email\":\"a\",\"email\":[1,{}],\"phone\":1.5}",
                "{\"email\":\"a\"}{}", "{\"email\":\"a\"} x", "{\"email\":\"a\"", "[1]", "\"x\"", "1", "", "  ",
                "{\"email\":}", "{\"email\":\"a\",}", "{'email':'a'}", "{\"email\":\"a\"}\n", "null", "{\"a\":{\"b\":[}}",
                "{\"email\":\"\\x\"}", "{\"email\":01}", "{\"phone\":NaN}")) {
            payloads.add(p.getBytes(StandardCharsets.UTF_8));
        }
        payloads.add(new byte[]{'{', '"', 'e', 'm', 'a', 'i', 'l', '"', ':', '"', (byte) 0xC3, '"', '}'}); // broken UTF-8
        payloads.add(new byte[]{'{', '"', 'x', '"', ':', '"', (byte) 0xFF, '"', '}'});
        for (byte[] p : payloads) {
            String[] expected = org.openuid.core.envelope.RequestEnvelope.isJsonObject(p) ? Json.scalarFields(p, NAMES) : null;
            assertThat(Json.objectFields(p, NAMES)).as(new String(p, StandardCharsets.UTF_8)).isEqualTo(expected);
        }
        assertThat(Json.objectFields(null, NAMES)).containsOnlyNulls().hasSize(NAMES.length);
    }

    @Test
    void absentPayloadReadsAsNoFields() {
        assertThat(Json.scalarFields(null, NAMES)).containsOnlyNulls().hasSize(NAMES.length);
        assertThat(Json.scalarFields("[1]".getBytes(StandardCharsets.UTF_8), NAMES)).containsOnlyNulls();
    }
}

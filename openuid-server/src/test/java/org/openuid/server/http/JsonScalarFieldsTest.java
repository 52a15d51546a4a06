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

    @Test
    void absentPayloadReadsAsNoFields() {
        assertThat(Json.scalarFields(null, NAMES)).containsOnlyNulls().hasSize(NAMES.length);
        assertThat(Json.scalarFields("[1]".getBytes(StandardCharsets.UTF_8), NAMES)).containsOnlyNulls();
    }
}

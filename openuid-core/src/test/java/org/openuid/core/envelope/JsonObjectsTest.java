package org.openuid.core.envelope;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonObjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", " {\"a\":1} ", "{\"a\":{\"b\":[1,\"x\",null,true]}}\n", "{\"é\":\"ü\"}"})
    void objects(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonObjects.isObject(b, 0, b.length)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "[]", "1", "\"s\"", "null", "{", "{\"a\":}", "{}}", "{} {}", "{} x", "{'a':1}",
            "{\"a\":1,}", "{\"a\":\"\\q\"}", "{\"a\":01}"})
    void notObjects(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonObjects.isObject(b, 0, b.length)).isFalse();
    }
}

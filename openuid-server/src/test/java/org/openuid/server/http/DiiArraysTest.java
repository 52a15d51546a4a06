package org.openuid.server.http;

import org.junit.jupiter.api.Test;
import org.openuid.core.envelope.RequestEnvelope;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.UserIdentity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DiiArrays#parse} (the plain-shape reader, Jackson for the rest) reads every request exactly as the Jackson
 * tree does ({@link DiiArrays#of} of {@link Json#parseObject}): the same fields, the same values, the same identities
 * and the same echoed identifiers.
 */
class DiiArraysTest {
    private static final String HASH = "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=";
    private static final String HEX = "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514";

    /** Everything the handlers read from the arrays, as text. */
    private static String describe(DiiArrays a) {
        if (a == null) return "not an object";
        StringBuilder sb = new StringBuilder("fields=").append(a.fields()).append(" other=").append(a.hasOtherField());
        for (DiiKind k : DiiKind.all()) {
            sb.append("\n").append(k.field).append(": ");
            if (a.notArray(k)) {
                sb.append("not an array");
                continue;
            }
            DiiValues v = a.values(k);
            if (v == null) {
                sb.append("absent");
                continue;
            }
            sb.append("size=").append(v.size()).append(" nonScalar=").append(v.hasNonScalar());
            for (int i = 0; i < v.size(); i++) {
                JsonBytes echo = new JsonBytes(0, 16);
                v.writeIdentifier(i, echo);
                sb.append("\n  ").append(echo);
                for (DiiKind as : DiiKind.all()) {
                    UserIdentity id = v.identity(as, i);
                    sb.append(" | ").append(id == null ? "invalid" : id.type() + ":" + HexFormat.of().formatHex(id.identityHash()));
                }
            }
        }
        return sb.toString();
    }

    private static void assertSameAsTree(String json) {
        assertSameAsTree(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertSameAsTree(byte[] json) {
        assertThat(describe(DiiArrays.parse(json)))
                .as(new String(json, StandardCharsets.UTF_8))
                .isEqualTo(describe(DiiArrays.of(Json.parseObject(json))));
    }

    @Test
    void thePlainShapeIsReadWithoutJackson() {
        for (String json : List.of("{}", " {\"email_hash\": [\"" + HASH + "\", \"" + HEX + "\"]}\n",
                "{\"email\":[\"a@b.com\",\"\"],\"phone\":null,\"phone_hash\":[]}",
                "{\"email_hash\":[\"" + HASH + "\"],\"phone_hash\":[\"" + HASH + "\"]}",
                "\t{ \"email\" : [ \"x\" , \"y\" ] }\r\n")) {
            assertThat(DiiArrays.read(json.getBytes(StandardCharsets.UTF_8))).as(json).isNotNull();
            assertSameAsTree(json);
        }
    }

    private static final List<String> ODD_PAYLOADS = List.of(
                "", " ", "null", "[]", "[{\"email\":[]}]", "\"x\"", "1", "{", "{\"email\":[", "{\"email\":[\"a\"",
                "{\"email\":[\"a\"]", "{\"email\":[\"a\"]}}", "{\"email\":[\"a\"]} trailing", "{\"email\":[\"a\"]}[",
                "{\"email\":null}", "{\"email\":nul}", "{\"email\":nullx}", "{\"email\":[]}", "{\"unknown\":1}",
                "{\"email\":[],\"other\":{\"a\":[1,2]}}",
                // duplicates: the last one wins
                "{\"email\":[\"a@b.com\"],\"email\":[]}", "{\"email\":[],\"email\":[\"a@b.com\"]}",
                "{\"email\":[\"a@b.com\"],\"email\":null}", "{\"email\":null,\"email\":[\"x\"]}",
                "{\"email\":[{}],\"email\":[\"x\"]}", "{\"email\":\"x\",\"email\":[\"x\"]}",
                // elements that are not strings
                "{\"email_hash\":[1,-0,2.50,1e3,1E400,-1e400,12345678901234567890123,true,false,null]}",
                "{\"email_hash\":[{\"a\":\"b\",\"a\":\"c\"},[1,\"x\",[null]],{},[]]}",
                "{\"email\":[\"a@b.com\",{\"x\":\"\\u0000\\t\\\"\"}]}",
                // values that are not arrays
                "{\"email\":\"a@b.com\"}", "{\"email_hash\":{}}", "{\"phone\":1}", "{\"phone_hash\":true}",
                // escapes and unicode
                "{\"email\":[\"a\\u0040b.com\",\"\\/\\\\\\\"\",\"caf\u00e9@b.com\",\"\ud83d\ude00@x.com\",\"\\ud800\"]}",
                "{\"email_hash\":[\"tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf\\/F5HVRQ=\"]}",
                "{\"em\\u0061il\":[\"a@b.com\"]}", "{\"email\":[\"tab\tinside\"]}", "{\"email\":[\"\u007f\"]}",
                "\ufeff{\"email\":[\"a@b.com\"]}",
                // whitespace that JSON does not allow, comments, single quotes
                "{\u000b\"email\":[]}", "{/*c*/\"email\":[]}", "{'email':['a@b.com']}", "{\"email\":['a']}",
                "{\"email\":[\"a\",]}", "{\"email\":[,\"a\"]}", "{\"email\":[\"a\"],}", "{,\"email\":[]}",
                "{\"email\" \"x\"}", "{\"email\":[\"a\" \"b\"]}",
                // hashes: canonical, non-canonical, unpadded, padding in odd places, hex, wrong lengths
                "{\"email_hash\":[\"" + HASH + "\",\"" + HASH.replace('Q', 'R') + "\",\"" + HASH.replace("=", "A") + "\"]}",
                "{\"email_hash\":[\"" + HASH.substring(0, 42) + "==\",\"" + HASH.substring(0, 42) + "=A\",\"="
                        + HASH.substring(1) + "\",\"" + HASH.substring(0, 20) + "=" + HASH.substring(21) + "\"]}",
                "{\"phone_hash\":[\"" + HEX + "\",\"" + HEX.toUpperCase() + "\",\"" + HEX.substring(1) + "g\",\""
                        + HEX.substring(1) + "\",\"" + HASH.substring(1) + "\",\"" + HASH.replace('t', '-') + "\"]}",
                "{\"email\":[\"" + "a".repeat(1024) + "\",\"" + "b".repeat(1025) + "\"]}");

    @Test
    void oddRequestsAreReadAsTheTreeReadsThem() {
        for (String p : ODD_PAYLOADS) assertSameAsTree(p);
    }

    @Test
    void randomRequestsAreReadAsTheTreeReadsThem() {
        for (String c : randomCases()) assertSameAsTree(c);
    }

    /**
     * {@link DiiArrays#parseObject} answers {@link DiiArrays#NOT_AN_OBJECT} exactly where the envelope's check of
     * step 8 fails, and otherwise reads what {@link DiiArrays#parse} reads.
     */
    @Test
    void parseObjectMakesTheEnvelopesJsonObjectCheck() {
        List<String> cases = new ArrayList<>(ODD_PAYLOADS);
        cases.addAll(randomCases());
        cases.add("{\"email_hash\":[\"" + HASH + "\"]}");
        cases.add("{\"email\":[\"a\"]}  \n");
        int notObjects = 0;
        for (String c : cases) {
            byte[] json = c.getBytes(StandardCharsets.UTF_8);
            DiiArrays checked = DiiArrays.parseObject(json);
            boolean isObject = RequestEnvelope.isJsonObject(json);
            assertThat(checked == DiiArrays.NOT_AN_OBJECT).as(c).isEqualTo(!isObject);
            if (isObject) assertThat(describe(checked)).as(c).isEqualTo(describe(DiiArrays.parse(json)));
            else notObjects++;
            // whatever the plain reader takes is one JSON object
            if (DiiArrays.read(json) != null) assertThat(isObject).as(c).isTrue();
        }
        assertThat(notObjects).isGreaterThan(100).isLessThan(cases.size() - 100);
        assertThat(DiiArrays.parseObject(null)).isNull();
    }

    private static List<String> randomCases() {
        String[] fragments = {"{", "}", "[", "]", ",", ":", " ", "\n", "null", "true", "1", "-2.5", "\"email\"",
                "\"email_hash\"", "\"phone\"", "\"phone_hash\"", "\"x\"", "\"" + HASH + "\"", "\"" + HEX + "\"",
                "\"a@b.com\"", "\"+12345678901\"", "\"\\n\"", "\"\u00e9\"", "{}", "[]", "\"email\":", "\"email_hash\":"};
        Random random = new Random(7);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(12);
            if (random.nextBoolean()) sb.append("{\"").append(DiiKind.all()[random.nextInt(4)].field).append("\":[");
            for (int j = 0; j < n; j++) sb.append(fragments[random.nextInt(fragments.length)]);
            if (random.nextBoolean()) sb.append("]}");
            cases.add(sb.toString());
        }
        return cases;
    }
}

package org.openuid.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.identity.UserIdentity;
import org.openuid.core.service.IdentityMapService;

/**
 * The elements of one DII array of an identity map request ({@link DiiArrays}), read by index: what each maps as
 * ({@link #identity}) and how it is echoed in an answer's {@code identifier} ({@link #writeIdentifier}).
 *
 * <p>Either spans of plain strings in the request's bytes (what {@link DiiArrays#read} accepts: printable ASCII
 * without quote or backslash, so the text is the bytes and its JSON string is the bytes in quotes), or the text and
 * the echo of each element of a Jackson array: a string as is, a number or boolean as its JSON text, null for JSON
 * null (echoed as {@code null}), and for an object or array no text and its JSON as the echo.
 */
public final class DiiValues {
    private final byte[] json;
    /** Start and end of element i's string content (without quotes) at 2i and 2i+1; null for a tree's array. */
    private final int[] spans;
    private final String[] texts;
    private final String[] identifiers;
    private final int size;
    private final boolean nonScalar;

    private DiiValues(byte[] json, int[] spans, String[] texts, String[] identifiers, int size, boolean nonScalar) {
        this.json = json;
        this.spans = spans;
        this.texts = texts;
        this.identifiers = identifiers;
        this.size = size;
        this.nonScalar = nonScalar;
    }

    static DiiValues ofSpans(byte[] json, int[] spans, int size) {
        return new DiiValues(json, spans, null, null, size, false);
    }

    /** The elements of a Jackson array, read as the tree-based parsing read them ({@link Json#scalarText}). */
    static DiiValues ofArray(JsonNode array) {
        int n = array.size();
        String[] texts = new String[n];
        String[] identifiers = new String[n];
        boolean nonScalar = false;
        for (int i = 0; i < n; i++) {
            JsonNode element = array.get(i);
            String text = element.isContainerNode() ? null : Json.scalarText(element);
            texts[i] = text;
            identifiers[i] = element.isContainerNode() ? element.toString() : text;
            nonScalar |= text == null;
        }
        return new DiiValues(null, null, texts, identifiers, n, nonScalar);
    }

    public int size() { return size; }

    public boolean isEmpty() { return size == 0; }

    /** True when some element is JSON null, an object or an array (v3 rejects such a request). */
    public boolean hasNonScalar() { return nonScalar; }

    /** Element {@code i} as an identity of {@code kind}, or null when it is not a valid one (or not a string, number or boolean). */
    public UserIdentity identity(DiiKind kind, int i) {
        if (spans != null) return DiiParser.parse(kind, json, spans[2 * i], spans[2 * i + 1]);
        return DiiParser.parse(kind, texts[i]);
    }

    /**
     * The elements as inputs of kind {@code kind} for {@link IdentityMapService.Mapper#mapAll}: a hash sent as the
     * canonical Base64 of its 32 bytes is hashed as the text it came in, every other element is parsed
     * ({@link #identity}).
     */
    public IdentityMapService.Inputs inputs(DiiKind kind) {
        boolean texts = spans != null && kind.hashed;
        return new IdentityMapService.Inputs() {
            @Override
            public UserIdentity identity(int i) {
                return DiiValues.this.identity(kind, i);
            }

            @Override
            public int canonicalHashAt(int i) {
                if (!texts) return -1;
                int from = spans[2 * i];
                return DiiParser.isCanonicalBase64Hash(json, from, spans[2 * i + 1]) ? from : -1;
            }

            @Override
            public byte[] text() {
                return json;
            }

            @Override
            public IdentityType hashType() {
                return kind.type;
            }
        };
    }

    /** Writes element {@code i} as echoed in {@code identifier}: its JSON string, or {@code null}, or a container's JSON as a string. */
    public void writeIdentifier(int i, JsonBytes out) {
        if (spans != null) out.quotedAscii(json, spans[2 * i], spans[2 * i + 1]);
        else out.string(identifiers[i]);
    }
}

package org.openuid.store;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnsTest {

    @Test
    void listsRoundTripAsJsonArrays() {
        List<String> names = List.of("example.com", "é \"quoted\" \\ /", "");
        assertThat(Columns.strings(names)).isEqualTo("[\"example.com\",\"é \\\"quoted\\\" \\\\ /\",\"\"]");
        assertThat(Columns.strings(Columns.strings(names))).isEqualTo(names);
        assertThat(Columns.strings(List.of())).isEqualTo("[]");
        assertThat(Columns.ints(List.of(1, -2, Integer.MAX_VALUE))).isEqualTo("[1,-2,2147483647]");
        assertThat(Columns.ints(Columns.ints(List.of(1, -2, Integer.MAX_VALUE)))).containsExactly(1, -2, Integer.MAX_VALUE);
        assertThat(Columns.ints(Arrays.asList(1, null))).isEqualTo("[1,null]");
        assertThat(Columns.ints("[1,null]")).containsExactly(1, null);
    }

    @Test
    void nullMeansNoListForIntsAndEmptyForStrings() {
        assertThat(Columns.ints((List<Integer>) null)).isNull();
        assertThat(Columns.ints((String) null)).isNull();
        assertThat(Columns.strings("null")).isEmpty();
        assertThat(Columns.strings((String) null)).isEmpty();
        assertThat(Columns.ints(" [ 3 , \"4\" ] ")).containsExactly(3, 4);
        assertThat(Columns.strings("[7]")).containsExactly("7");
    }

    @Test
    void anythingElseIsReportedAsACorruptColumn() {
        for (String bad : List.of("", "{}", "[", "[1", "[1]x", "[[1]]", "\"a\"", "[{\"a\":1}]")) {
            assertThatThrownBy(() -> Columns.strings(bad)).as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("corrupt list column");
        }
        for (String bad : List.of("[1.5]", "[\"x\"]", "[true]", "[99999999999]")) {
            assertThatThrownBy(() -> Columns.ints(bad)).as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("corrupt list column");
        }
    }
}

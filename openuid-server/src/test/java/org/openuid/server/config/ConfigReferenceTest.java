package org.openuid.server.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md lists exactly the keys the code accepts, with the code's defaults, and every key reaches the
 * typed configuration (and every component of it is set by some key). A failure names what to change; {@code
 * ConfigReference --write} regenerates the table.
 */
class ConfigReferenceTest {

    @Test
    void thePageListsEveryKeyWithItsDefaultAndNothingElse() throws Exception {
        String page = Files.readString(ConfigReference.PAGE, StandardCharsets.UTF_8);
        assertThat(ConfigReference.problems(page)).as("docs/configuration.md vs OperatorConfig.DEFAULTS").isEmpty();
        assertThat(ConfigReference.rewrite(page)).as("regenerating the table changes nothing").isEqualTo(page);
    }

    @Test
    void everyKeyIsReadIntoTheTypedConfigurationAndEveryComponentHasAKey() {
        Map<String, Set<String>> reach = ConfigReference.reach();
        Set<String> unread = new TreeSet<>();
        Set<String> reached = new TreeSet<>();
        reach.forEach((key, components) -> {
            if (components.isEmpty()) unread.add(key);
            reached.addAll(components);
        });
        assertThat(unread).as("keys in DEFAULTS that change nothing in OperatorConfig").isEmpty();
        Set<String> components = ConfigReference.leaves(OperatorConfig.defaults(), "").keySet();
        assertThat(reached).as("components of OperatorConfig and its settings records set by some key").containsExactlyInAnyOrderElementsOf(components);
    }

    @Test
    void theCheckCatchesAMissingKeyAWrongDefaultAndAnUnknownKey() {
        String page = "# Configuration\n\n" + ConfigReference.HEADER + "\n| --- | --- | --- |\n"
                + "| `port` | `9999` | Port. |\n| `no_such_key` | `1` | Nothing. |\n\nAfter.\n";
        String problems = String.join("\n", ConfigReference.problems(page));
        assertThat(problems).contains("key 'port': the page says the default is `9999`, the code says '8080'")
                .contains("key 'no_such_key' is documented but the code does not accept it")
                .contains("key 'store' is missing; add: | `store` | `./data` | " + ConfigReference.TODO + " |");
        String rewritten = ConfigReference.rewrite(page);
        assertThat(rewritten).startsWith("# Configuration\n\n" + ConfigReference.HEADER).endsWith("|\n\nAfter.\n")
                .doesNotContain("no_such_key").contains("| `store` | `./data` | " + ConfigReference.TODO + " |");
        assertThat(ConfigReference.documented(rewritten)).hasSize(OperatorConfig.DEFAULTS.size());
    }

    @Test
    void emptyDefaultsAreShownAsEmptyOrAsTheRuleThatDerivesThem() {
        Map<String, String> cells = new TreeMap<>(Map.of("empty", "", "unset", "", "same as `demo_mode`", "", "`<store>/demo-credentials.json`", ""));
        cells.forEach((cell, code) -> assertThat(ConfigReference.defaultMatches(code, cell)).as(cell).isTrue());
        assertThat(ConfigReference.defaultMatches("", "`x`")).isFalse();
        assertThat(ConfigReference.defaultMatches("20", "`20`")).isTrue();
        assertThat(ConfigReference.defaultMatches("0.00274", "`0.00274` (≈ 1/365)")).isTrue();
        assertThat(ConfigReference.defaultMatches("20", "twenty `20`")).isFalse();
    }
}

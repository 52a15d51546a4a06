package org.openuid.server.docs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marks that make guides runnable ({@link Guide}), the output patterns ({@link OutputPattern}), and the guides
 * themselves: all four exist, every {@code sh} block is marked, and the README links them and the API description.
 */
class GuideFormatTest {
    static final List<String> GUIDES = List.of("guide-publisher.md", "guide-advertiser.md", "guide-dsp.md", "guide-operator.md");

    @Test
    void marksMakeBlocksRunnableAndAttachTheirOutput() {
        String page = String.join("\n",
                "# Title", "",
                "<!-- run: server -->", "```sh", "java -jar openuid-server/target/openuid.jar serve", "```", "",
                "<!-- run -->", "```sh", "echo one", "echo two", "```", "",
                "<!-- output -->", "```text", "one", "two", "```", "",
                "```json", "{\"not\": \"a command\"}", "```", "",
                "<!-- not run: needs a database -->", "```sh", "psql", "```", "",
                "```sh", "forgotten", "```", "");
        Guide g = Guide.parse(Path.of("sample.md"), page);
        assertThat(g.blocks).extracting(Guide.Block::kind).containsExactly(Guide.Kind.SERVER, Guide.Kind.RUN);
        assertThat(g.blocks.get(1).code()).isEqualTo("echo one\necho two\n");
        assertThat(g.blocks.get(1).expectedOutput()).isEqualTo("one\ntwo\n");
        assertThat(g.blocks.get(1).line()).isEqualTo(9);
        assertThat(g.unmarked).containsExactly(29);
        assertThat(g.misplaced).isEmpty();
    }

    @Test
    void misplacedMarksAreReported() {
        Guide g = Guide.parse(Path.of("sample.md"), String.join("\n",
                "<!-- output -->", "```text", "orphan", "```",
                "<!-- run -->", "text between the mark and the fence", "```sh", "echo", "```",
                "<!-- run -->", "```python", "print()", "```",
                "<!-- run -->"));
        assertThat(g.misplaced).hasSize(4);
        assertThat(String.join("\n", g.misplaced)).contains("must follow a runnable block").contains("must be on the line before a fence")
                .contains("only sh blocks can be run").contains("stands before no fenced block");
    }

    @Test
    void outputPatternsMatchLinesWithEllipses() {
        assertThat(new OutputPattern("OK\n").matches("OK\n\n")).isTrue();
        assertThat(new OutputPattern("OK").matches("OK\nmore")).isFalse();
        assertThat(new OutputPattern("{\n  \"u\" : \"...\",\n  \"r\" : ...\n}").matches("{\n  \"u\" : \"abc=\",\n  \"r\" : 17\n}")).isTrue();
        assertThat(new OutputPattern("a\n...\nz").matches("a\nb\nc\nz")).isTrue();
        assertThat(new OutputPattern("a\n...\nz").matches("a\nz")).isTrue();
        assertThat(new OutputPattern("a\n...\nz").matches("a\nb")).isFalse();
        assertThat(new OutputPattern("...").matches("")).isTrue();
        assertThat(new OutputPattern("x.y").matches("xzy")).as("only ... is special").isFalse();
        assertThat(new OutputPattern("UID2-C-L-...-").matches("UID2-C-L-100-")).isTrue();
        assertThat(new OutputPattern("a ... b").matches("a  b")).isTrue();
    }

    @Test
    void theJarAndTheDocumentedPortsAreMappedForTheTestMachine() throws Exception {
        try (GuideRun run = new GuideRun(Guide.parse(Path.of("x.md"), ""))) {
            String local = run.localize("OPENUID=\"java -jar openuid-server/target/openuid.jar\"\ncurl http://localhost:8080/x http://localhost:9080/m 127.0.0.1:8081");
            assertThat(local).startsWith("OPENUID=\"java org.openuid.server.cli.Main\"").doesNotContain(":8080").doesNotContain(":9080")
                    .doesNotContain(":8081");
        }
    }

    @Test
    void everyGuideExistsAndEveryShellBlockIsMarked() throws Exception {
        for (String name : GUIDES) {
            Guide g = Guide.read(GuideCommandsTest.DOCS.resolve(name));
            assertThat(g.unmarked).as(name + ": sh blocks marked neither run nor 'not run: reason' (lines)").isEmpty();
            assertThat(g.misplaced).as(name).isEmpty();
            assertThat(g.blocks).as(name + ": a server block and runnable commands").hasSizeGreaterThan(3);
            assertThat(g.blocks.get(0).kind()).as(name).isEqualTo(Guide.Kind.SERVER);
        }
        assertThat(GuideCommandsTest.guides().toList()).containsExactlyInAnyOrderElementsOf(GUIDES);
    }

    @Test
    void theReadmeLinksTheGuidesAndTheApiDescription() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        for (String name : GUIDES) assertThat(readme).contains("(docs/" + name + ")");
        assertThat(readme).contains("/openapi.json");
    }
}

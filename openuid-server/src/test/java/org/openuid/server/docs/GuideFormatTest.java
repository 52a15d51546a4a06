package org.openuid.server.docs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marks that make guides runnable ({@link Guide}), the output patterns ({@link OutputPattern}), the mapping for the
 * test machine ({@link GuideRun}), and the documents themselves: the README links the four guides and the API
 * description, every {@code sh} block is marked, and every page works outside the checkout (the jar through
 * {@code $OPENUID_HOME}, each session starting with a {@code cd} into a directory of its own under {@code ~}).
 */
class GuideFormatTest {
    static final List<String> GUIDES = List.of("guide-publisher.md", "guide-advertiser.md", "guide-dsp.md", "guide-operator.md");

    @Test
    void marksMakeBlocksRunnableAndAttachTheirOutput() {
        String page = String.join("\n",
                "# Title", "",
                "<!-- run: server -->", "```sh", "java -jar \"$OPENUID_HOME/openuid-server/target/openuid.jar\" serve", "```", "",
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
    void theJarTheHomeDirectoryAndTheDocumentedPortsAreMappedForTheTestMachine() throws Exception {
        try (GuideRun run = new GuideRun(GuideCommandsTest.ROOT)) {
            String local = run.localize(String.join("\n",
                    "OPENUID=\"java -jar $OPENUID_HOME/openuid-server/target/openuid.jar\"",
                    "java -jar \"$OPENUID_HOME/openuid-server/target/openuid.jar\" serve --demo",
                    "mkdir -p ~/openuid && cd ~/openuid",
                    "CREDENTIALS=~/openuid/data/demo-credentials.json",
                    "echo a~/b",
                    "curl http://localhost:8080/x http://localhost:9080/m 127.0.0.1:8081"));
            List<String> lines = local.lines().toList();
            assertThat(lines.subList(0, 5)).containsExactly(
                    "OPENUID=\"java org.openuid.server.cli.Main\"",
                    "java org.openuid.server.cli.Main serve --demo",
                    "mkdir -p " + run.home + "/openuid && cd " + run.home + "/openuid",
                    "CREDENTIALS=" + run.home + "/openuid/data/demo-credentials.json",
                    "echo a~/b");
            assertThat(lines.get(5)).doesNotContain(":8080").doesNotContain(":9080").doesNotContain(":8081");
            assertThat(run.home.startsWith(GuideCommandsTest.ROOT.toAbsolutePath().normalize())).as("home outside the checkout").isFalse();
        }
    }

    @Test
    void theReadmeListsTheGuidesInReadingOrderAndEveryShellBlockIsMarked() throws Exception {
        assertThat(GuideCommandsTest.guides()).containsExactlyElementsOf(GUIDES);
        try (Stream<Path> files = Files.list(GuideCommandsTest.DOCS)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("guide-"))).containsExactlyInAnyOrderElementsOf(GUIDES);
        }
        for (Path doc : GuideCommandsTest.documents()) {
            Guide g = Guide.read(doc);
            assertThat(g.unmarked).as(doc + ": sh blocks marked neither run nor 'not run: reason' (lines)").isEmpty();
            assertThat(g.misplaced).as(doc.toString()).isEmpty();
            assertThat(g.blocks.get(0).kind()).as(doc + ": the first runnable block starts the operator").isEqualTo(Guide.Kind.SERVER);
            assertThat(g.blocks.stream().skip(1)).as(doc + ": one server block").noneMatch(b -> b.kind() == Guide.Kind.SERVER);
        }
    }

    @Test
    void everyPageWorksOutsideTheCheckout() throws Exception {
        Pattern cd = Pattern.compile("(mkdir -p ~/[\\w./-]+ && )?cd ~/[\\w./-]+");
        for (Path doc : GuideCommandsTest.documents()) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            assertThat(text).as(doc + ": the jar by a path relative to the checkout; use \"$OPENUID_HOME/openuid-server/target/openuid.jar\"")
                    .doesNotContain("java -jar openuid-server/target/openuid.jar");
            if (!doc.equals(GuideCommandsTest.README))
                assertThat(text.substring(0, text.indexOf("\n## "))).as(doc + ": says at its top where its commands run").contains("\nWhere: ");
            Guide g = Guide.read(doc);
            assertThat(g.blocks).as(doc + ": a server block and commands").hasSizeGreaterThan(1);
            String first = g.blocks.get(1).code().lines().findFirst().orElse("");
            assertThat(first).as(doc + ": the commands start in a directory of their own (cd ~/...), as in a new terminal").matches(cd);
        }
    }

    @Test
    void theReadmeLinksTheGuidesAndTheApiDescription() throws Exception {
        String readme = Files.readString(GuideCommandsTest.README, StandardCharsets.UTF_8);
        for (String name : GUIDES) assertThat(readme).contains("(docs/" + name + ")");
        assertThat(readme).contains("/openapi.json");
    }
}

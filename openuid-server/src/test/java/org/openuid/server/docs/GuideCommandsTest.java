package org.openuid.server.docs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openuid.server.it.TestStores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Every guide in docs/ ({@code guide-*.md}) runs as written against a fresh operator: the server block starts it,
 * every other runnable block exits 0 and prints what the guide says it prints ({@link Guide}, {@link GuideRun}).
 * The guides use the embedded store, so the PostgreSQL pass of the suite skips them.
 */
class GuideCommandsTest {
    static final Path DOCS = Path.of("..", "docs");

    static Stream<String> guides() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("guide-") && n.endsWith(".md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guides")
    void theGuideRunsAsWritten(String name) throws Exception {
        assumeFalse(TestStores.postgres(), "the guides run on the embedded store; the embedded pass runs them");
        Guide guide = Guide.read(DOCS.resolve(name));
        assertThat(guide.misplaced).as(name + ": misplaced marks").isEmpty();
        assertThat(guide.unmarked).as(name + ": lines of sh blocks marked neither run nor 'not run: reason'").isEmpty();
        assertThat(guide.blocks).as(name + ": runnable blocks").isNotEmpty();
        Guide.Block server = guide.blocks.get(0);
        assertThat(server.kind()).as(name + ": the first runnable block starts the operator (<!-- run: server -->)").isEqualTo(Guide.Kind.SERVER);
        List<Guide.Block> rest = guide.blocks.subList(1, guide.blocks.size());
        assertThat(rest).as(name + ": one server block").noneMatch(b -> b.kind() == Guide.Kind.SERVER);

        try (GuideRun run = new GuideRun(guide)) {
            List<String> problems = new ArrayList<>();
            String started = run.startServer(server);
            expect(name, run, server, started, problems);
            List<GuideRun.Result> results = run.run(rest);
            for (GuideRun.Result r : results) {
                if (r.exitCode() != 0) {
                    problems.add(name + " line " + r.block().line() + ": the block failed (status " + r.exitCode() + "):\n"
                            + r.block().code() + "--- stdout:\n" + r.out() + "--- stderr:\n" + r.err() + "\n" + run.serverLog());
                    break;
                }
                expect(name, run, r.block(), r.out(), problems);
            }
            if (results.size() < rest.size() && problems.isEmpty())
                problems.add(name + ": the session stopped after " + results.size() + " of " + rest.size() + " blocks");
            assertThat(problems).as("%s, run in %s", name, run.work).isEmpty();
        }
    }

    private static void expect(String name, GuideRun run, Guide.Block block, String actual, List<String> problems) {
        if (block.expectedOutput() == null) return;
        String expected = run.localize(block.expectedOutput());
        if (!new OutputPattern(expected).matches(actual))
            problems.add(name + " line " + block.line() + ": the output differs:\n" + block.code() + OutputPattern.explain(expected, actual));
    }
}

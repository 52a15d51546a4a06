package org.openuid.server.docs;

import org.junit.jupiter.api.Test;
import org.openuid.server.it.TestStores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The README's examples and the guides in docs/ run as written, in the order a reader follows them (the README, then
 * the guides in the order its "Guides" section lists them), on one operator and one store: the first server block
 * starts the operator; the later ones must be the same command and find it running; every other runnable block exits
 * 0 and prints what the page says it prints ({@link Guide}, {@link GuideRun}). Afterwards the checkout holds no new or
 * modified file. The documents use the embedded store, so the PostgreSQL pass of the suite skips them.
 */
class GuideCommandsTest {
    static final Path ROOT = Path.of("..");
    static final Path DOCS = ROOT.resolve("docs");
    static final Path README = ROOT.resolve("README.md");
    private static final Pattern GUIDE_LINK = Pattern.compile("\\(docs/(guide-[a-z-]+\\.md)\\)");

    /** The guides, in the order the README's "Guides" section links them. */
    static List<String> guides() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int from = readme.indexOf("\n## Guides\n");
        assertThat(from).as("README.md has a '## Guides' section").isNotNegative();
        int to = readme.indexOf("\n## ", from + 1);
        Matcher m = GUIDE_LINK.matcher(readme.substring(from, to < 0 ? readme.length() : to));
        Set<String> names = new LinkedHashSet<>();
        while (m.find()) names.add(m.group(1));
        return List.copyOf(names);
    }

    /** What a reader follows, in order: the README, then the guides. */
    static List<Path> documents() throws IOException {
        List<Path> out = new ArrayList<>(List.of(README));
        for (String g : guides()) out.add(DOCS.resolve(g));
        return out;
    }

    @Test
    void theReadmeAndTheGuidesRunInOrderOnOneOperatorAndLeaveTheCheckoutAsItWas() throws Exception {
        assumeFalse(TestStores.postgres(), "the guides run on the embedded store; the embedded pass runs them");
        Set<String> before = CheckoutStatus.of(ROOT);
        List<String> problems = new ArrayList<>();
        try (GuideRun run = new GuideRun(ROOT)) {
            for (Path doc : documents()) {
                String name = ROOT.relativize(doc).toString();
                Guide guide = Guide.read(doc);
                problems.addAll(structure(name, guide));
                if (guide.blocks.isEmpty() || guide.blocks.get(0).kind() != Guide.Kind.SERVER) continue;
                Guide.Block server = guide.blocks.get(0);
                if (run.serverCode() == null) run.startServer(server);
                else if (!server.code().equals(run.serverCode()))
                    problems.add(name + " line " + server.line() + ": starts another operator than the one running, which a reader"
                            + " following the pages in order started with:\n" + run.serverCode() + "but this page says:\n" + server.code());
                expect(name, run, server, run.serverStarted(), problems);
                runBlocks(name, run, guide.blocks.subList(1, guide.blocks.size()), problems);
            }
        }
        Set<String> after = CheckoutStatus.of(ROOT);
        if (before != null && after != null) {
            after.removeAll(before);
            assertThat(after).as("files the documents' commands created or changed in the checkout (git status)").isEmpty();
        }
        assertThat(problems).isEmpty();
    }

    /** Marks in place, and a server block first, which a reader can skip when the operator runs already. */
    private static List<String> structure(String name, Guide guide) {
        List<String> problems = new ArrayList<>();
        guide.misplaced.forEach(m -> problems.add(name + ": misplaced mark, " + m));
        guide.unmarked.forEach(l -> problems.add(name + " line " + l + ": an sh block marked neither run nor 'not run: reason'"));
        if (guide.blocks.isEmpty()) problems.add(name + ": no runnable block");
        else if (guide.blocks.get(0).kind() != Guide.Kind.SERVER)
            problems.add(name + ": the first runnable block must start the operator (<!-- run: server -->)");
        else if (guide.blocks.stream().skip(1).anyMatch(b -> b.kind() == Guide.Kind.SERVER))
            problems.add(name + ": more than one server block");
        return problems;
    }

    private static void runBlocks(String name, GuideRun run, List<Guide.Block> blocks, List<String> problems) throws Exception {
        List<GuideRun.Result> results = run.run(blocks);
        for (GuideRun.Result r : results) {
            if (r.exitCode() != 0) {
                problems.add(name + " line " + r.block().line() + ": the block failed (status " + r.exitCode() + "):\n"
                        + r.block().code() + "--- stdout:\n" + r.out() + "--- stderr:\n" + r.err() + "\n" + run.serverLog());
                return;
            }
            expect(name, run, r.block(), r.out(), problems);
        }
        if (results.size() < blocks.size()) problems.add(name + ": the session stopped after " + results.size() + " of " + blocks.size() + " blocks");
    }

    private static void expect(String name, GuideRun run, Guide.Block block, String actual, List<String> problems) {
        if (block.expectedOutput() == null) return;
        String expected = run.localize(block.expectedOutput());
        if (!new OutputPattern(expected).matches(actual))
            problems.add(name + " line " + block.line() + ": the output differs:\n" + block.code() + OutputPattern.explain(expected, actual));
    }
}

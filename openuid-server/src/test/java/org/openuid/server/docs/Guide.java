package org.openuid.server.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable parts of a guide in docs/: fenced {@code sh} blocks marked with an HTML comment on the line before
 * the fence (invisible when the page is rendered).
 *
 * <ul>
 *   <li>{@code <!-- run -->}: run in the guide's shell session, in page order; every command must succeed.</li>
 *   <li>{@code <!-- run: server -->}: the command that starts the operator; started in the background before the
 *       other blocks, which run once its {@code /ops/healthcheck} answers.</li>
 *   <li>{@code <!-- output -->} before the next fenced block (any language): what the block above prints on
 *       standard output. A line {@code ...} stands for any number of lines, and {@code ...} inside a line for any
 *       text ({@link OutputPattern}).</li>
 *   <li>{@code <!-- not run: reason -->}: an {@code sh} block deliberately left out (it needs something the test
 *       machine does not have, or stops the operator). Every {@code sh} block carries one of these marks.</li>
 * </ul>
 */
public final class Guide {
    private static final Pattern FENCE = Pattern.compile("^```\\s*([A-Za-z0-9_-]*)\\s*$");
    private static final Pattern MARK = Pattern.compile("^<!--\\s*(run|run: server|output|not run: .+?)\\s*-->\\s*$");

    /** What a block is for. */
    public enum Kind { RUN, SERVER }

    /** One runnable block: its code, the output it must print (or null) and the page line of its fence. */
    public record Block(Kind kind, String code, String expectedOutput, int line) {}

    public final Path file;
    public final List<Block> blocks;
    /** {@code sh} blocks without a mark, by page line. */
    public final List<Integer> unmarked;
    /** Marks that stand before no fence, or output marks that follow no runnable block, by page line. */
    public final List<String> misplaced;

    private Guide(Path file, List<Block> blocks, List<Integer> unmarked, List<String> misplaced) {
        this.file = file;
        this.blocks = blocks;
        this.unmarked = unmarked;
        this.misplaced = misplaced;
    }

    public static Guide read(Path file) throws IOException {
        return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Guide parse(Path file, String text) {
        String[] lines = text.split("\n", -1);
        List<Block> blocks = new ArrayList<>();
        List<Integer> unmarked = new ArrayList<>();
        List<String> misplaced = new ArrayList<>();
        String mark = null;
        int markLine = 0;
        boolean afterRunnable = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            Matcher m = MARK.matcher(line);
            if (m.matches()) {
                if (mark != null) misplaced.add("line " + markLine + ": <!-- " + mark + " --> stands before no fenced block");
                mark = m.group(1);
                markLine = i + 1;
                continue;
            }
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                if (mark != null && !line.isBlank()) {
                    misplaced.add("line " + markLine + ": <!-- " + mark + " --> must be on the line before a fence");
                    mark = null;
                }
                continue;
            }
            String lang = fence.group(1);
            StringBuilder code = new StringBuilder();
            int start = i + 1;
            for (i++; i < lines.length && !lines[i].stripTrailing().equals("```"); i++) code.append(lines[i]).append('\n');
            if ("output".equals(mark)) {
                Block last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
                if (!afterRunnable || last.expectedOutput() != null) misplaced.add("line " + markLine + ": <!-- output --> must follow a runnable block");
                else blocks.set(blocks.size() - 1, new Block(last.kind(), last.code(), code.toString(), last.line()));
            } else if ("run".equals(mark) || "run: server".equals(mark)) {
                if (!lang.equals("sh")) misplaced.add("line " + markLine + ": only sh blocks can be run");
                blocks.add(new Block("run".equals(mark) ? Kind.RUN : Kind.SERVER, code.toString(), null, start));
            } else if (mark == null && lang.equals("sh")) {
                unmarked.add(start);
            }
            afterRunnable = "run".equals(mark) || "run: server".equals(mark);
            mark = null;
        }
        if (mark != null) misplaced.add("line " + markLine + ": <!-- " + mark + " --> stands before no fenced block");
        return new Guide(file, blocks, unmarked, misplaced);
    }
}

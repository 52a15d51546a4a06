package org.openuid.server.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The state of a git checkout as {@code git status --porcelain} shows it, with untracked files listed one by one and
 * ignored ones by the pattern they match ({@code target/}, {@code data/}, ...), so that a test can tell what a run
 * added or modified in the checkout.
 */
final class CheckoutStatus {
    private CheckoutStatus() {}

    /** The status lines, or null when {@code dir} is not in a git checkout or git is not installed. */
    static Set<String> of(Path dir) throws InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "-C", dir.toString(), "status", "--porcelain", "--untracked-files=all",
                    "--ignored=matching").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) return null;
            return new LinkedHashSet<>(out.lines().toList());
        } catch (IOException noGit) {
            return null;
        }
    }
}

package org.openuid.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the bench's helper commands (initdb, pg_ctl, haproxy -c ...) to completion. PostgreSQL's tools refuse to run
 * as root, so when the bench runs as root they run as the {@code postgres} user through {@code runuser}.
 */
final class Shell {
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private Shell() {}

    /** The command as the PostgreSQL user (unchanged when not root). */
    static List<String> asPostgres(List<String> command) {
        if (!ROOT) return command;
        List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(command);
        return out;
    }

    /** Runs a command and returns its output; fails with the output when it exits non-zero or takes too long. */
    static String run(List<String> command, Path dir, long timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (dir != null) pb.directory(dir.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0)
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + text);
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends SIGKILL to one process id. */
    static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

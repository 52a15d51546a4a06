package org.openuid.server.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What {@link CheckoutStatus} sees: new files one by one, also in new and in ignored directories, and no checkout as null. */
class CheckoutStatusTest {

    @Test
    void newFilesShowUpAlsoWhenIgnored() throws Exception {
        Path dir = Files.createTempDirectory("openuid-checkout");
        try {
            assertThat(CheckoutStatus.of(dir)).as("not a checkout").isNull();
            Process init = new ProcessBuilder("git", "init", "-q", dir.toString()).redirectErrorStream(true).start();
            assumeTrue(init.waitFor() == 0, "git is installed");
            Files.writeString(dir.resolve(".gitignore"), "data/\n");
            Set<String> before = CheckoutStatus.of(dir);
            assertThat(before).containsExactly("?? .gitignore");

            Files.writeString(Files.createDirectories(dir.resolve("dsp")).resolve("Decrypt.java"), "class Decrypt {}");
            Files.writeString(Files.createDirectories(dir.resolve("data")).resolve("store.db"), "");
            Set<String> after = CheckoutStatus.of(dir);
            after.removeAll(before);
            assertThat(after).containsExactlyInAnyOrder("?? dsp/Decrypt.java", "!! data/");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

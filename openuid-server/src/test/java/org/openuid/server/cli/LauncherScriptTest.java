package org.openuid.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code openuid} launcher (src/main/sh/openuid) run twice on a small jar of its own: the first {@code serve}
 * writes a class-data archive into a private cache directory, the second maps it (the program looks for the archive
 * in its own memory maps); an archive the JVM cannot use is ignored without a word; a changed jar gets a new
 * archive; other commands and {@code OPENUID_CLASS_CACHE=off} start without one.
 */
@EnabledOnOs(OS.LINUX)
class LauncherScriptTest {
    private static final String PROGRAM = """
            public class Probe {
                public static void main(String[] args) throws Exception {
                    String maps = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/maps")));
                    String dir = System.getenv("OPENUID_CLASS_CACHE_DIR");
                    System.out.println((maps.contains(dir + "/") ? "archive" : "no archive") + " " + String.join(" ", args));
                    if (System.getenv("PROBE_PAGES") != null) {
                        System.out.println("pages " + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                                .stream().filter(a -> a.contains("Pages")).toList());
                    }
                }
            }
            """;

    private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    @TempDir
    Path dir;

    @Test
    void serveWritesAnArchiveOnceAndMapsItLater() throws Exception {
        Path home = Files.createDirectories(dir.resolve("target"));
        Files.copy(Path.of("src/main/sh/openuid"), home.resolve("openuid"));
        Path jar = home.resolve("openuid.jar");
        buildJar(jar);
        Path cache = dir.resolve("cache/openuid");

        assertThat(run(home, cache, "serve", "--x")).isEqualTo("no archive serve --x\n");
        assertThat(archives(cache)).hasSize(1);
        Path archive = archives(cache).get(0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
        assertThat(run(home, cache, "serve")).isEqualTo("archive serve\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive))).isEqualTo("rw-------");
        assertThat(run(home, cache, "admin", "keys")).as("only serve").isEqualTo("no archive admin keys\n");
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(run(home, cache, "serve")).isEqualTo("archive serve\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).as("made private again").isEqualTo("rwx------");

        // an archive the JVM cannot map: a plain start, nothing said about it
        byte[] good = Files.readAllBytes(archive);
        Files.write(archive, new byte[4096]);
        assertThat(run(home, cache, "serve")).isEqualTo("no archive serve\n");
        Files.write(archive, good);
        assertThat(run(home, cache, "serve")).isEqualTo("archive serve\n");

        // a new jar: a new archive, and the old one is removed
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertThat(run(home, cache, "serve")).isEqualTo("no archive serve\n");
        assertThat(archives(cache)).hasSize(1).doesNotContain(archive);
        assertThat(run(home, cache, "serve")).isEqualTo("archive serve\n");

        // transparent huge pages where the kernel offers them on request, unless JAVA_OPTS choose page sizes
        String thp = Files.isReadable(THP) ? Files.readString(THP) : "";
        String pages = thp.contains("[madvise]") || thp.contains("[always]") ? "[-XX:+UseTransparentHugePages]" : "[]";
        ProcessBuilder probe = new ProcessBuilder("sh", home.resolve("openuid").toString(), "serve");
        probe.environment().put("PROBE_PAGES", "1");
        assertThat(run(probe, cache)).isEqualTo("archive serve\npages " + pages + "\n");
        ProcessBuilder chosen = new ProcessBuilder("sh", home.resolve("openuid").toString(), "serve");
        chosen.environment().put("PROBE_PAGES", "1");
        assertThat(run(chosen, cache, "-XX:-UseTransparentHugePages")).endsWith("pages [-XX:-UseTransparentHugePages]\n");

        ProcessBuilder off = new ProcessBuilder("sh", home.resolve("openuid").toString(), "serve");
        off.environment().put("OPENUID_CLASS_CACHE", "off");
        assertThat(run(off, cache)).isEqualTo("no archive serve\n");
    }

    private static List<Path> archives(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        }
    }

    private static String run(Path home, Path cache, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", home.resolve("openuid").toString()));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command), cache);
    }

    private static String run(ProcessBuilder pb, Path cache) throws Exception {
        return run(pb, cache, null);
    }

    private static String run(ProcessBuilder pb, Path cache, String javaOpts) throws Exception {
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("OPENUID_CLASS_CACHE_DIR", cache.toString());
        if (javaOpts == null) pb.environment().remove("JAVA_OPTS");
        else pb.environment().put("JAVA_OPTS", javaOpts);
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).as("nothing on standard error").isEmpty();
        assertThat(p.exitValue()).isZero();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private void buildJar(Path jar) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("Probe.java"), PROGRAM);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", src.toString(), src.resolve("Probe.java").toString());
        assertThat(rc).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Probe");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.putNextEntry(new JarEntry("Probe.class"));
            j.write(Files.readAllBytes(src.resolve("Probe.class")));
            j.closeEntry();
        }
    }
}

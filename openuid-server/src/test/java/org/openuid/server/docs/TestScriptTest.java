package org.openuid.server.docs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's test command, {@code ./test.sh}: it installs the Debian packages the tests need when they are missing
 * (with apt-get as root; otherwise it names them and stops), then runs {@code mvn -B verify} with its arguments.
 * Run here on a copy whose package list holds one missing and one present program, with {@code id}, {@code apt-get}
 * and {@code mvn} replaced by stubs that record their arguments.
 */
class TestScriptTest {
    static final Path ROOT = Path.of("..");
    static final Path SCRIPT = ROOT.resolve("test.sh");
    private static final String BASH = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/usr/bin/bash";
    private Path dir;

    @BeforeEach
    void copyTheScriptWithStubs() throws IOException {
        dir = Files.createTempDirectory("openuid-test-sh");
        String script = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        String list = "REQUIRED=(\n  /nonexistent/openuid-tool:openuid-missing-package   # a comment\n  bash:bash\n)";
        String copy = script.replaceFirst("(?s)REQUIRED=\\(\n.*?\n\\)", list);
        assertThat(copy).as("test.sh keeps its package list in REQUIRED=( ... )").contains(list);
        executable("test.sh", copy);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        executable("bin/id", "#!/bin/sh\necho \"$STUB_UID\"\n");
        executable("bin/apt-get", "#!/bin/sh\necho \"apt-get $*\" >> \"$STUB_LOG\"\n");
        executable("bin/mvn", "#!/bin/sh\necho \"mvn $*\" >> \"$STUB_LOG\"\n");
        assertThat(bin).isDirectory();
    }

    @AfterEach
    void removeTheCopy() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void asRootItInstallsTheMissingPackagesThenRunsMavenWithTheArguments() throws Exception {
        Run run = run("0", "-pl", "openuid-server", "-Dtest=X");
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.log).isEqualTo("apt-get update -q\napt-get install -y -q openuid-missing-package\nmvn -B verify -pl openuid-server -Dtest=X\n");
        assertThat(run.err).contains("Installing the Debian packages the tests need: openuid-missing-package");
    }

    @Test
    void asAnotherUserItNamesTheMissingPackagesAndStops() throws Exception {
        Run run = run("1000");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.log).as("neither apt-get nor mvn ran").isEmpty();
        assertThat(run.err).contains("The tests need these Debian packages, which are not installed: openuid-missing-package")
                .contains("apt-get install openuid-missing-package").doesNotContain("bash");
    }

    @Test
    void asRootWithoutAptGetItNamesTheMissingPackagesAndStops() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("no-apt"));
        for (String stub : new String[]{"id", "mvn"}) Files.copy(dir.resolve("bin").resolve(stub), bin.resolve(stub));
        Files.createSymbolicLink(bin.resolve("dirname"), Path.of("/usr/bin/dirname").toRealPath());
        Run run = runWithPath("0", bin.toString());
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.log).as("mvn did not run").isEmpty();
        assertThat(run.err).contains("The tests need these Debian packages, which are not installed: openuid-missing-package");
    }

    @Test
    void withNothingMissingItOnlyRunsMaven() throws Exception {
        Path copy = dir.resolve("test.sh");
        Files.writeString(copy, Files.readString(copy).replace("/nonexistent/openuid-tool:openuid-missing-package", "sh:dash"));
        Run run = run("1000", "-q");
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.log).isEqualTo("mvn -B verify -q\n");
    }

    @Test
    void theListHoldsWhatTheBrowserTestsAndTheGuidesCallAndCiRunsTheScript() throws Exception {
        String script = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        assertThat(script).as("the browser tests call Chromium and its driver at these paths (AdminConsoleBrowserTest)")
                .contains("/usr/bin/chromium:chromium", "/usr/bin/chromedriver:chromium-driver",
                "\n  jq:jq ", "\n  curl:curl\n", "\n  node:nodejs\n", "\n  mvn:maven ");
        assertThat(Files.isExecutable(SCRIPT)).isTrue();
        String ci = Files.readString(ROOT.resolve(".ci/run"), StandardCharsets.UTF_8);
        assertThat(ci).contains("export OPENUID_TEST_POSTGRES=1").contains("exec ./test.sh \"$@\"").doesNotContain("mvn").doesNotContain("apt-get");
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains("```sh\n./test.sh\n```").contains("OPENUID_TEST_POSTGRES=1 ./test.sh");
        assertThat(ci).as("the README's command of continuous integration is what .ci/run runs")
                .contains("export OPENUID_TEST_CLUSTER=1");
        assertThat(readme).contains("```sh\nOPENUID_TEST_CLUSTER=1 OPENUID_TEST_POSTGRES=1 ./test.sh\n```");
    }

    private record Run(int exitCode, String log, String err) {}

    private Run run(String uid, String... args) throws Exception {
        return runWithPath(uid, dir.resolve("bin") + ":" + System.getenv("PATH"), args);
    }

    private Run runWithPath(String uid, String path, String... args) throws Exception {
        Path log = dir.resolve("stub.log");
        Files.writeString(log, "");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(BASH, dir.resolve("test.sh").toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        pb.environment().put("PATH", path);
        pb.environment().put("STUB_UID", uid);
        pb.environment().put("STUB_LOG", log.toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(log), Files.readString(dir.resolve("stderr")));
    }

    private void executable(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}

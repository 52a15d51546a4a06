package org.openuid.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain reader of {@code serve}'s arguments agrees with picocli wherever it answers, and leaves everything
 * unusual (help, version, repeats, odd numbers, unknown options, values that look like options) to picocli.
 */
class ServeArgsTest {

    @Test
    void readsTheUsualCommandLines() {
        ServeCommand cmd = ServeArgs.read(new String[]{"--store", "/var/lib/openuid", "--port=8180", "--bind", "127.0.0.1",
                "--admin-port", "-1", "--ops-port", "0", "--salt-buckets", "1048576", "--demo", "--config", "node.json"});
        assertThat(cmd).isNotNull();
        assertThat(cmd.storeOptions.store).isEqualTo("/var/lib/openuid");
        assertThat(cmd.storeOptions.configFile).hasToString("node.json");
        assertThat(cmd.port).isEqualTo(8180);
        assertThat(cmd.bind).isEqualTo("127.0.0.1");
        assertThat(cmd.adminPort).isEqualTo(-1);
        assertThat(cmd.opsPort).isZero();
        assertThat(cmd.saltBuckets).isEqualTo(1048576);
        assertThat(cmd.demo).isTrue();

        ServeCommand none = ServeArgs.read(new String[0]);
        assertThat(none).isNotNull();
        assertThat(none.port).isNull();
        assertThat(none.storeOptions.store).isNull();
        assertThat(none.demo).isFalse();
    }

    @Test
    void aServeThatCannotStartPrintsOneErrorLineAndExitsWithOne(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("serve", "--store", dir.resolve("store").toString(), "--port", "70000");
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: port must be between 0 and 65535, got 70000" + System.lineSeparator());
    }

    @Test
    void leavesEverythingElseToPicocli() {
        for (String line : List.of("--help", "-h", "--version", "-V", "--port", "--port 80 --port 81", "--port=80 --port 81",
                "--port abc", "--port 080", "--port -2", "--port +80", "--port 0x50", "--port 12345678901", "--port=",
                "--demo=true", "--demo --demo", "--store", "--store --port 80", "--store=", "--store=-x", "--bind -1",
                "--unknown 1", "positional", "--", "--po 80", "-p 80", "@args.txt", "--store @args.txt", "--config=@c")) {
            assertThat(ServeArgs.read(line.split(" "))).as(line).isNull();
        }
    }

    @Test
    void agreesWithPicocliOnEveryLineItReads() {
        String[] names = {"--config", "--store", "--bind", "--port", "--admin-port", "--ops-port", "--salt-buckets", "--demo", "--x", "-h"};
        String[] values = {"0", "1", "-1", "007", "8080", "65536", "999999999", "2147483648", "-", "--port", "a", "", "=",
                "a=b", "/tmp/x y", "--demo", "1e3", " 1"};
        Random random = new Random(7);
        int read = 0;
        for (int round = 0; round < 20_000; round++) {
            List<String> args = new ArrayList<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                String name = names[random.nextInt(names.length)];
                String value = values[random.nextInt(values.length)];
                switch (random.nextInt(3)) {
                    case 0 -> args.add(name + "=" + value);
                    case 1 -> { args.add(name); args.add(value); }
                    default -> args.add(name);
                }
            }
            String[] line = args.toArray(String[]::new);
            ServeCommand plain = ServeArgs.read(line);
            if (plain == null) continue;
            read++;
            ServeCommand parsed = new ServeCommand();
            new CommandLine(parsed).parseArgs(line);
            String shown = String.join(" ", line);
            assertThat(plain.storeOptions.store).as(shown).isEqualTo(parsed.storeOptions.store);
            assertThat(plain.storeOptions.configFile).as(shown).isEqualTo(parsed.storeOptions.configFile);
            assertThat(plain.bind).as(shown).isEqualTo(parsed.bind);
            assertThat(plain.port).as(shown).isEqualTo(parsed.port);
            assertThat(plain.adminPort).as(shown).isEqualTo(parsed.adminPort);
            assertThat(plain.opsPort).as(shown).isEqualTo(parsed.opsPort);
            assertThat(plain.saltBuckets).as(shown).isEqualTo(parsed.saltBuckets);
            assertThat(plain.demo).as(shown).isEqualTo(parsed.demo);
        }
        assertThat(read).isGreaterThan(1_000);
    }
}

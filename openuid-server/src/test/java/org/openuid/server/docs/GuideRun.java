package org.openuid.server.docs;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a {@link Guide} the way a reader would, from a fresh working directory: its server block in the background
 * (a fresh operator on free ports), then its other blocks in one {@code bash} session with {@code set -euo pipefail}
 * (so variables carry over from block to block and any failing command fails its block).
 *
 * <p>What the guides write for a reader at the repository root is mapped for the test machine:
 * {@value #JAR} runs the same command line from the test class path ({@code java org.openuid.server.cli.Main} with
 * {@code CLASSPATH} set, so the test does not need a packaged jar), the documented ports 8080, 8081 and 9080 become
 * the free ports chosen, which the operator gets through {@code OPENUID_PORT}, {@code OPENUID_ADMIN_PORT} and
 * {@code OPENUID_OPS_PORT} (the admin commands through {@code OPENUID_ADMIN_URL}), and the operator starts with 4096
 * salt buckets ({@code OPENUID_SALT_BUCKET_COUNT}) instead of a million, to start in a second.
 */
public final class GuideRun implements AutoCloseable {
    public static final String JAR = "java -jar openuid-server/target/openuid.jar";
    static final String MAIN = "java org.openuid.server.cli.Main";
    private static final Duration SERVER_START = Duration.ofMinutes(3);
    private static final Duration SESSION = Duration.ofMinutes(8);

    /** What one block did; {@code exitCode} is null when the session stopped before it. */
    public record Result(Guide.Block block, Integer exitCode, String out, String err) {}

    public final Path work;
    private final Guide guide;
    private final int port;
    private final int adminPort;
    private final int opsPort;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Process server;
    private Path serverOut;
    private Path serverErr;

    public GuideRun(Guide guide) throws IOException {
        this.guide = guide;
        this.work = Files.createTempDirectory("openuid-guide");
        this.port = freePort();
        this.adminPort = freePort();
        this.opsPort = freePort();
        System.getenv().forEach((k, v) -> { if (!k.startsWith("OPENUID_") && !k.equals("CLASSPATH")) env.put(k, v); });
        env.put("CLASSPATH", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        env.put("OPENUID_PORT", Integer.toString(port));
        env.put("OPENUID_ADMIN_PORT", Integer.toString(adminPort));
        env.put("OPENUID_OPS_PORT", Integer.toString(opsPort));
        env.put("OPENUID_ADMIN_URL", "http://127.0.0.1:" + adminPort);
        env.put("OPENUID_SALT_BUCKET_COUNT", "4096");
        env.put("OPENUID_LOG_FORMAT", "text");
        env.put("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The text as it runs here: the jar command and the documented ports mapped (see the class comment). */
    public String localize(String text) {
        String out = text.replace(JAR, MAIN);
        for (String host : new String[]{"localhost:", "127.0.0.1:"}) {
            out = out.replace(host + "8080", host + port).replace(host + "8081", host + adminPort).replace(host + "9080", host + opsPort);
        }
        return out;
    }

    /** Starts the server block and waits until its healthcheck answers 200; its standard output so far. */
    public String startServer(Guide.Block block) throws Exception {
        serverOut = work.resolve(".server.out");
        serverErr = work.resolve(".server.err");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", localize(block.code())).directory(work.toFile())
                .redirectOutput(serverOut.toFile()).redirectError(serverErr.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        server = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ops/healthcheck")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + SERVER_START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) throw new AssertionError("the server block (line " + block.line() + ") stopped with status "
                    + server.exitValue() + ":\n" + serverLog());
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return Files.readString(serverOut);
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server block (line " + block.line() + ") did not become healthy within " + SERVER_START + ":\n" + serverLog());
    }

    /** The server's standard output and the end of its standard error. */
    public String serverLog() {
        try {
            String err = serverErr == null || !Files.exists(serverErr) ? "" : Files.readString(serverErr);
            String out = serverOut == null || !Files.exists(serverOut) ? "" : Files.readString(serverOut);
            return "server stdout:\n" + out + "\nserver stderr (end):\n" + err.substring(Math.max(0, err.length() - 4000));
        } catch (IOException e) {
            return "(server log unreadable: " + e + ")";
        }
    }

    /** Runs the blocks in one shell session, in order; stops at the first failing block. */
    public List<Result> run(List<Guide.Block> blocks) throws Exception {
        StringBuilder driver = new StringBuilder("set -euo pipefail\ncd ").append(quote(work.toString())).append('\n');
        for (int i = 0; i < blocks.size(); i++) {
            Path code = work.resolve(".block-" + i + ".sh");
            Files.writeString(code, localize(blocks.get(i).code()), StandardCharsets.UTF_8);
            String base = quote(work.resolve(".block-" + i).toString());
            driver.append("{ source ").append(quote(code.toString())).append("; } < /dev/null > ").append(base).append(".out 2> ")
                    .append(base).append(".err\necho 0 > ").append(base).append(".rc\n");
        }
        Path script = work.resolve(".session.sh");
        Files.writeString(script, driver.toString(), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(work.toFile())
                .redirectOutput(work.resolve(".session.out").toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process session = pb.start();
        if (!session.waitFor(SESSION.toSeconds(), TimeUnit.SECONDS)) {
            destroyTree(session);
            throw new AssertionError("the guide's commands did not finish within " + SESSION);
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Path base = work.resolve(".block-" + i);
            Path out = Path.of(base + ".out");
            if (!Files.exists(out)) break;
            boolean done = Files.exists(Path.of(base + ".rc"));
            results.add(new Result(blocks.get(i), done ? 0 : session.exitValue(), Files.readString(out), Files.readString(Path.of(base + ".err"))));
        }
        return results;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** SIGTERM to the process and its descendants (an operator shuts down gracefully), SIGKILL after 30 s. */
    private static void destroyTree(Process p) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        p.destroy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle h : tree) {
            while (h.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
            if (h.isAlive()) h.destroyForcibly();
        }
        if (!p.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) p.destroyForcibly();
    }

    @Override
    public void close() throws Exception {
        try {
            if (server != null) destroyTree(server);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

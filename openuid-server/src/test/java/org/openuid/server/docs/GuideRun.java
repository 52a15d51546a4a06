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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs documents ({@link Guide}) the way a reader follows them, one after the other, on one operator: the first
 * server block starts the operator in the background (on free ports); each document's other blocks then run in a
 * shell session of their own, as in a new terminal, with {@code set -euo pipefail} (variables carry over from block
 * to block of one document, any failing command fails its block). Sessions start in the reader's home directory, a
 * fresh directory outside the checkout, and the documents {@code cd} from there.
 *
 * <p>What the documents write for a reader is mapped for the test machine: {@code java -jar "$OPENUID_HOME/...jar"}
 * ({@value #JAR}) and the launcher beside it ({@value #LAUNCHER}, quoted) run the same command line from the test class path ({@code java org.openuid.server.cli.Main} with
 * {@code CLASSPATH} set, so the test does not need a packaged jar), and {@code OPENUID_HOME} is the checkout;
 * {@code ~/} is the fresh home directory (the real {@code HOME} stays, so Maven finds its settings and repository);
 * the documented ports 8080, 8081 and 9080 become the free ports chosen, which the operator gets through
 * {@code OPENUID_PORT}, {@code OPENUID_ADMIN_PORT} and {@code OPENUID_OPS_PORT} (the admin commands through
 * {@code OPENUID_ADMIN_URL}); and the operator starts with 4096 salt buckets ({@code OPENUID_SALT_BUCKET_COUNT})
 * instead of a million, to start in a second.
 */
public final class GuideRun implements AutoCloseable {
    public static final String JAR = "$OPENUID_HOME/openuid-server/target/openuid.jar";
    /** The launcher beside the jar: {@code java -jar} the jar with a class-data archive; here the same as {@link #JAR}. */
    public static final String LAUNCHER = "$OPENUID_HOME/openuid-server/target/openuid";
    static final String MAIN = "java org.openuid.server.cli.Main";
    private static final Pattern HOME_PATH = Pattern.compile("(^|[\\s=:(\"'])~/", Pattern.MULTILINE);
    private static final Duration SERVER_START = Duration.ofMinutes(3);
    private static final Duration SESSION = Duration.ofMinutes(8);

    /** What one block did; {@code exitCode} is null when the session stopped before it. */
    public record Result(Guide.Block block, Integer exitCode, String out, String err) {}

    /** The reader's home directory ({@code ~}), outside the checkout. */
    public final Path home;
    private final Path work;
    private final Path scratch;
    private final int port;
    private final int adminPort;
    private final int opsPort;
    private final Map<String, String> env = new LinkedHashMap<>();
    private int sessions;
    private Process server;
    private String serverCode;
    private String serverStarted;
    private Path serverOut;
    private Path serverErr;

    /** @param checkout the repository checkout, the reader's {@code OPENUID_HOME} */
    public GuideRun(Path checkout) throws IOException {
        this.work = Files.createTempDirectory("openuid-guides");
        this.home = Files.createDirectories(work.resolve("home"));
        this.scratch = Files.createDirectories(work.resolve("run"));
        this.port = freePort();
        this.adminPort = freePort();
        this.opsPort = freePort();
        System.getenv().forEach((k, v) -> { if (!k.startsWith("OPENUID_") && !k.equals("CLASSPATH")) env.put(k, v); });
        env.put("CLASSPATH", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        env.put("OPENUID_HOME", checkout.toAbsolutePath().normalize().toString());
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

    /** The text as it runs here: the jar command, the home directory and the documented ports mapped (see the class comment). */
    public String localize(String text) {
        String out = text.replace("java -jar \"" + JAR + "\"", MAIN).replace("java -jar " + JAR, MAIN)
                .replace("\"" + LAUNCHER + "\"", MAIN);
        out = HOME_PATH.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(home + "/"));
        for (String host : new String[]{"localhost:", "127.0.0.1:", "0.0.0.0:"}) {
            out = out.replace(host + "8080", host + port).replace(host + "8081", host + adminPort).replace(host + "9080", host + opsPort);
        }
        return out;
    }

    /** The code of the server block that started the operator, or null before one did. */
    public String serverCode() { return serverCode; }

    /** What the operator printed on standard output until it was healthy (its first start). */
    public String serverStarted() { return serverStarted; }

    /** Starts the server block in the reader's home directory and waits until its healthcheck answers 200. */
    public void startServer(Guide.Block block) throws Exception {
        if (server != null) throw new IllegalStateException("the operator runs already");
        serverOut = scratch.resolve("server.out");
        serverErr = scratch.resolve("server.err");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", localize(block.code())).directory(home.toFile())
                .redirectOutput(serverOut.toFile()).redirectError(serverErr.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        server = pb.start();
        serverCode = block.code();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ops/healthcheck")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + SERVER_START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) throw new AssertionError("the server block (line " + block.line() + ") stopped with status "
                    + server.exitValue() + ":\n" + serverLog());
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    serverStarted = untilStartupBanner(deadline);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server block (line " + block.line() + ") did not become healthy within " + SERVER_START + ":\n" + serverLog());
    }

    /**
     * The server's standard output once it printed its start-up banner, whose last line names the store: the
     * healthcheck answers while the banner is still being written, and a reader sees the whole of it.
     */
    private String untilStartupBanner(long deadline) throws IOException, InterruptedException {
        java.util.regex.Pattern bannerEnd = java.util.regex.Pattern.compile("(?m)^  store: .*\n");
        String out = Files.readString(serverOut);
        while (!bannerEnd.matcher(out).find() && server.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            out = Files.readString(serverOut);
        }
        return out;
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

    /** Runs one document's blocks in a new shell session started in the home directory, in order; stops at the first failing block. */
    public List<Result> run(List<Guide.Block> blocks) throws Exception {
        Path dir = Files.createDirectories(scratch.resolve("session-" + (++sessions)));
        StringBuilder driver = new StringBuilder("set -euo pipefail\ncd ").append(quote(home.toString())).append('\n');
        for (int i = 0; i < blocks.size(); i++) {
            Path code = dir.resolve("block-" + i + ".sh");
            Files.writeString(code, localize(blocks.get(i).code()), StandardCharsets.UTF_8);
            String base = quote(dir.resolve("block-" + i).toString());
            driver.append("{ source ").append(quote(code.toString())).append("; } < /dev/null > ").append(base).append(".out 2> ")
                    .append(base).append(".err\necho 0 > ").append(base).append(".rc\n");
        }
        Path script = dir.resolve("session.sh");
        Files.writeString(script, driver.toString(), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(home.toFile())
                .redirectOutput(dir.resolve("session.out").toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process session = pb.start();
        if (!session.waitFor(SESSION.toSeconds(), TimeUnit.SECONDS)) {
            destroyTree(session);
            throw new AssertionError("the commands did not finish within " + SESSION);
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Path base = dir.resolve("block-" + i);
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

package org.openuid.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One OpenUID node: a real {@code java -jar openuid.jar serve} process on fixed free ports (public API, admin, ops),
 * restarted on the same ports, stopped with SIGTERM (graceful) or SIGKILL ({@code kill -9}).
 */
final class Node {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final String name;
    final int port = Ports.free();
    final int adminPort = Ports.free();
    final int opsPort = Ports.free();
    private final Path jar;
    private final Path dir;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private Process process;
    private int starts;

    Node(String name, Path jar, Path dir, Map<String, String> env, List<String> jvmOptions) {
        this.name = name;
        this.jar = jar;
        this.dir = dir;
        this.env = env;
        this.jvmOptions = jvmOptions;
    }

    /** A variable of the node's environment, as its next start will see it. */
    String env(String name) { return env.get(name); }

    /** Sets (or, with null, removes) a variable of the node's environment for its next start. */
    void setEnv(String name, String value) {
        if (value == null) env.remove(name);
        else env.put(name, value);
    }

    String baseUrl() { return "http://127.0.0.1:" + port; }

    String adminUrl() { return "http://127.0.0.1:" + adminPort; }

    /** Starts the process (its output goes to {@code <name>-<n>.log} in the run directory). */
    void start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + "-" + (++starts) + ".log").toFile());
        pb.environment().putAll(env);
        pb.environment().put("OPENUID_PORT", Integer.toString(port));
        pb.environment().put("OPENUID_ADMIN_PORT", Integer.toString(adminPort));
        pb.environment().put("OPENUID_OPS_PORT", Integer.toString(opsPort));
        process = pb.start();
        process.getOutputStream().close();
    }

    /** Waits until the readiness check answers 200; fails when the process exits or the time runs out. */
    void awaitReady(long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException(name + " exited with " + process.exitValue() + " (see its log in the run directory)");
            if (readiness() == 200) return;
            Shell.sleep(100);
        }
        throw new IllegalStateException(name + " not ready after " + timeoutMs + " ms");
    }

    /** Status of {@code /ops/ready}, or -1 when nothing answers. */
    int readiness() { return opsStatus("/ops/ready"); }

    /** Body of {@code /ops/healthcheck} ({@code OK}, {@code DEGRADED: ...}), or null when nothing answers. */
    String health() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/ops/healthcheck"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private int opsStatus(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Sends SIGTERM (a graceful stop) without waiting. */
    void sigterm() { process.destroy(); }

    /** SIGTERM, then waits for the process to exit. @return the exit code */
    int terminate(long timeoutMs) throws InterruptedException {
        sigterm();
        return awaitExit(timeoutMs);
    }

    /** Waits for the process to exit (SIGKILL after the timeout, and a failure). @return the exit code */
    int awaitExit(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(name + " did not stop within " + timeoutMs + " ms of SIGTERM");
        }
        return process.exitValue();
    }

    /** {@code kill -9}. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() { return process != null && process.isAlive(); }

    void stopQuietly() {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

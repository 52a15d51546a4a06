package org.openuid.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.openuid.server.http.Json;
import org.openuid.store.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The mark of a node running on an embedded store: {@code <store>/node.json} (mode 600), locked by the node for as
 * long as it runs. It tells the commands that work on the store directly that a node holds it, and gives
 * {@code openuid admin token reset} the way in: the node's admin URL (loopback) and a random local operator
 * credential, new at every start, which the admin listener accepts for resetting the admin token and nothing else.
 * Only the operator's user can read it. A file left by a node that crashed is not locked, and is ignored.
 */
public final class RunningNode implements AutoCloseable {
    public static final String FILE_NAME = "node.json";
    private static final int CLAIM_ATTEMPTS = 10;
    private static final long CLAIM_RETRY_MS = 100;

    /** What a running node published: {@code adminUrl} and {@code localToken} are null while it starts or without an admin listener. */
    public record Info(long pid, String adminUrl, String localToken) {}

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String localToken;

    private RunningNode(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.localToken = "OUID-L-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * Marks {@code storeDir} as held by this process.
     * @throws IllegalStateException when a running node holds it
     */
    public static RunningNode claim(Path storeDir) {
        Path file = storeDir.resolve(FILE_NAME);
        try {
            FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PrivateFiles.posixFileAttribute(storeDir));
            try {
                for (int attempt = 1; ; attempt++) {
                    FileLock lock = tryLock(ch);
                    if (lock != null) {
                        PrivateFiles.file(file);
                        RunningNode node = new RunningNode(file, ch, lock);
                        node.write(null);
                        return node;
                    }
                    if (attempt == CLAIM_ATTEMPTS) break;
                    Thread.sleep(CLAIM_RETRY_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ch.close();
            throw new IllegalStateException(inUse(storeDir, read(file).map(Info::pid).orElse(-1L))
                    + ", or give this node another store (--store)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The node running on {@code storeDir}, if any (a file no process holds is left over from a crash: empty). */
    public static Optional<Info> find(Path storeDir) {
        Path file = storeDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(ch);
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(read(file).orElse(new Info(-1, null, null)));
    }

    /** "the store DIR is in use by a running node (pid N): stop it first". */
    public static String inUse(Path storeDir, long pid) {
        return "the store " + storeDir.toAbsolutePath().normalize() + " is in use by a running node"
                + (pid > 0 ? " (pid " + pid + ")" : "") + ": stop it first";
    }

    /** The credential this node's admin listener accepts for resetting the admin token. */
    public String localToken() { return localToken; }

    /** Publishes the admin listener's URL with the local credential (null: no admin listener). */
    public void publish(String adminUrl) {
        try {
            write(adminUrl);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void write(String adminUrl) throws IOException {
        // written by hand in the layout Jackson's pretty printer uses: a start need not load its data binding
        String json = "{\n  \"pid\" : " + ProcessHandle.current().pid()
                + (adminUrl == null ? "" : ",\n  \"admin_url\" : " + Json.quote(adminUrl) + ",\n  \"local_token\" : " + Json.quote(localToken))
                + "\n}\n";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(bytes), 0);
        channel.force(false);
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static Optional<Info> read(Path file) {
        try {
            JsonNode n = Json.mapper().readTree(Files.readAllBytes(file));
            if (n == null || !n.isObject()) return Optional.empty();
            return Optional.of(new Info(n.path("pid").asLong(-1), text(n, "admin_url"), text(n, "local_token")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // stopping anyway; a file left behind is not locked and is ignored
        }
    }
}

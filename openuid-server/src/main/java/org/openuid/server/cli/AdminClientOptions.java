package org.openuid.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.server.RunningNode;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Options of every {@code openuid admin} command that talks to the admin API (docs/admin.md, "Command line"): where
 * the API is, the admin token, and the output format. The token comes from {@code --admin-token}, else the
 * environment variable {@code OPENUID_ADMIN_TOKEN}, else {@code admin_token} in the credentials file written at the
 * operator's first start ({@code ./data/demo-credentials.json}, else {@code ./demo-credentials.json} as written on
 * PostgreSQL, unless {@code --credentials-file} says otherwise). The
 * API is at {@code --admin-url}, else {@code OPENUID_ADMIN_URL}, else the admin URL a node running on the store next to
 * the credentials file published in its {@code node.json} (so a node started with another {@code --admin-port} is
 * found), else {@code http://127.0.0.1:8081}.
 */
public final class AdminClientOptions {
    static final String DEFAULT_URL = "http://127.0.0.1:8081";
    static final String DEFAULT_CREDENTIALS = "./data/demo-credentials.json";
    static final String POSTGRES_CREDENTIALS = "./demo-credentials.json";

    @Option(names = "--admin-url", paramLabel = "URL",
            description = "Admin API of the operator (default: $OPENUID_ADMIN_URL, else the node running on the store of the"
                    + " credentials file, else " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--admin-token", paramLabel = "TOKEN",
            description = "Admin token (default: $OPENUID_ADMIN_TOKEN, else admin_token in the credentials file).")
    String token;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "Credentials file holding admin_token (default: " + DEFAULT_CREDENTIALS + ", else "
                    + POSTGRES_CREDENTIALS + ").")
    Path credentialsFile;

    /** Where the default credentials files are looked for (tests point it elsewhere). */
    Path workingDir = Path.of("");

    @Option(names = "--json", description = "Print the API's JSON answer (for scripts) instead of a table.")
    boolean json;

    String url() {
        String u = url != null ? url : System.getenv("OPENUID_ADMIN_URL");
        u = u == null || u.isBlank() ? runningNodeUrl().orElse(DEFAULT_URL) : u.trim();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** The admin URL published by a node running on the store directory that holds the credentials file, if any. */
    private Optional<String> runningNodeUrl() {
        Path dir = credentialsFile().toAbsolutePath().getParent();
        try {
            return dir == null ? Optional.empty() : RunningNode.find(dir).map(RunningNode.Info::adminUrl);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * {@code --credentials-file}, else {@code ./data/demo-credentials.json} (the embedded store's), else
     * {@code ./demo-credentials.json} when only that exists (where a node bootstrapping PostgreSQL writes it).
     */
    private Path credentialsFile() {
        if (credentialsFile != null) return credentialsFile;
        Path embedded = workingDir.resolve(DEFAULT_CREDENTIALS);
        Path postgres = workingDir.resolve(POSTGRES_CREDENTIALS);
        return !Files.isRegularFile(embedded) && Files.isRegularFile(postgres) ? postgres : embedded;
    }

    String token() {
        if (token != null && !token.isBlank()) return token.trim();
        String env = System.getenv("OPENUID_ADMIN_TOKEN");
        if (env != null && !env.isBlank()) return env.trim();
        Path file = credentialsFile();
        try {
            if (Files.isRegularFile(file)) {
                JsonNode t = new ObjectMapper().readTree(file.toFile()).get("admin_token");
                if (t != null && t.isTextual()) return t.asText();
            }
        } catch (Exception ignored) {
            // reported below as a missing token
        }
        throw new IllegalArgumentException("no admin token: pass --admin-token, set OPENUID_ADMIN_TOKEN, or run on the operator host"
                + " next to its credentials file (" + file + "); a lost token is replaced with 'openuid admin token reset'");
    }

    AdminApiClient client() { return new AdminApiClient(url(), token()); }

    AdminOutput output() { return new AdminOutput(json, System.out); }
}

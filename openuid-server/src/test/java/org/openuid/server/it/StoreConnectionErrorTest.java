package org.openuid.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the command line says when it cannot reach a PostgreSQL store: the cause in words after the location, never
 * a password (docs/deployment.md, "Database credentials").
 */
class StoreConnectionErrorTest {

    @TempDir
    Path tmp;

    @Test
    void connectionRefused() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CliRun r = CliRun.run("import", "--store", "postgresql://op:not-shown@127.0.0.1:" + closed + "/openuid", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: could not open PostgreSQL 127.0.0.1:" + closed + "/openuid: connection refused: ")
                .doesNotContain("not-shown");
    }

    @Test
    void anUnreadableStorePasswordFileIsNamed() throws Exception {
        Path config = tmp.resolve("config.json");
        Path absent = tmp.resolve("absent");
        Files.writeString(config, "{\"store_password_file\": \"" + absent + "\"}");
        CliRun r = CliRun.run("import", "--config", config.toString(), "--store", "postgresql://127.0.0.1:1/openuid?user=op",
                tmp.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: store_password_file " + absent + " does not exist");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "OPENUID_TEST_POSTGRES", matches = ".+")
    void databaseDoesNotExist() {
        // the data set directory is read only after the store is open
        URI server = URI.create(TestStores.postgresUrl().substring("jdbc:".length()));
        String db = "openuid_absent_" + UUID.randomUUID().toString().replace("-", "");
        String hostPort = server.getHost() + ":" + (server.getPort() > 0 ? server.getPort() : 5432);
        CliRun r = CliRun.run("import", "--store", "postgresql://" + hostPort + "/" + db + "?user=postgres", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: could not open PostgreSQL " + hostPort + "/" + db + ": database \"" + db
                + "\" does not exist");
    }
}

package org.openuid.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.server.RunningNode;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the admin commands find the admin API when neither --admin-url nor OPENUID_ADMIN_URL names it. */
class AdminClientOptionsTest {
    @TempDir
    Path store;

    @Test
    void aNodeRunningOnTheCredentialsFilesStoreIsFoundOnItsOwnAdminPort() {
        assumeTrue(System.getenv("OPENUID_ADMIN_URL") == null, "OPENUID_ADMIN_URL is set");
        AdminClientOptions options = new AdminClientOptions();
        options.credentialsFile = store.resolve("demo-credentials.json");
        assertThat(options.url()).as("no node running").isEqualTo(AdminClientOptions.DEFAULT_URL);

        try (RunningNode node = RunningNode.claim(store)) {
            node.publish("http://127.0.0.1:18481");
            assertThat(options.url()).isEqualTo("http://127.0.0.1:18481");
            options.url = "http://127.0.0.1:9999/";
            assertThat(options.url()).as("--admin-url wins").isEqualTo("http://127.0.0.1:9999");
        }
        options.url = null;
        assertThat(options.url()).as("node stopped").isEqualTo(AdminClientOptions.DEFAULT_URL);
    }

    @Test
    void theTokenComesFromTheEmbeddedStoresCredentialsFileElseFromTheOneWrittenOnPostgres() throws Exception {
        assumeTrue(System.getenv("OPENUID_ADMIN_TOKEN") == null, "OPENUID_ADMIN_TOKEN is set");
        AdminClientOptions options = new AdminClientOptions();
        options.workingDir = store;
        assertThatThrownBy(options::token).hasMessageContaining("data/demo-credentials.json");

        Files.writeString(store.resolve("demo-credentials.json"), "{\"admin_token\":\"OUID-A-postgres\"}");
        assertThat(options.token()).as("PostgreSQL: ./demo-credentials.json").isEqualTo("OUID-A-postgres");

        Files.createDirectories(store.resolve("data"));
        Files.writeString(store.resolve("data/demo-credentials.json"), "{\"admin_token\":\"OUID-A-embedded\"}");
        assertThat(options.token()).as("./data/demo-credentials.json first").isEqualTo("OUID-A-embedded");
    }
}

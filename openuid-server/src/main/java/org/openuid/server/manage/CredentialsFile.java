package org.openuid.server.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.store.PrivateFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The credentials file ({@code credentials_file}, default {@code <store>/demo-credentials.json}): a JSON object with
 * the demo credentials written at bootstrap, the {@code admin_token}, and the sandbox's credentials. Updates keep the
 * fields they do not change and leave the file readable by its owner only (mode 600).
 */
public final class CredentialsFile {
    private CredentialsFile() {}

    /** Reads the file (an empty object when absent), lets {@code change} edit it, and writes it back. */
    public static void update(Path file, Consumer<ObjectNode> change) throws IOException {
        ObjectNode root = Jackson.object();
        if (Files.isRegularFile(file)) {
            JsonNode existing = Jackson.MAPPER.readTree(Files.readAllBytes(file));
            if (existing instanceof ObjectNode o) root = o;
        }
        change.accept(root);
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        PrivateFiles.write(file, Jackson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }
}

package org.openuid.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.server.RunningNode;
import org.openuid.server.config.OperatorConfig;
import org.openuid.server.manage.AdminTokenService;
import org.openuid.store.NewAdminToken;
import org.openuid.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code openuid admin token reset}: for a lost admin token. Disables every admin token, creates a new one and prints
 * it once; also updates {@code admin_token} in the credentials file when that file exists. Audited as a local change.
 * It cannot authenticate with an admin token, so it works on the operator host: on the store directly, or, while a
 * node runs on the embedded store (which then belongs to that node alone), through that node's admin listener with
 * the local operator credential the node keeps in {@code <store>/node.json} ({@link RunningNode}).
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Replace a lost admin token (on the operator host).")
final class TokenCommands {

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = {"Disable every admin token and print a new one (shown only this once).",
                    "Run it on the operator host, with the operator's --store or --config: it works on the store, or, while a",
                    "node runs on the embedded store, through that node's admin listener (with the credential the node keeps",
                    "in the store directory, readable only by the operator's user)."})
    int reset(@Mixin StoreOptions so,
              @Option(names = "--name", description = "Label of the new token (default: reset admin token).") String name,
              @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        OperatorConfig config = so.config(Map.of());
        Optional<RunningNode.Info> node = config.isEmbeddedStore() ? RunningNode.find(Path.of(config.store())) : Optional.empty();
        String tokenId;
        String token;
        if (node.isPresent()) {
            RunningNode.Info info = node.get();
            if (info.adminUrl() == null) {
                throw new IllegalArgumentException(RunningNode.inUse(Path.of(config.store()), info.pid())
                        + " (it has no admin listener to reset the token through, or it is still starting)");
            }
            ObjectNode body = AdminApiClient.JSON.createObjectNode();
            if (name != null) body.put("name", name);
            JsonNode created = new AdminApiClient(info.adminUrl(), info.localToken()).post("/admin-token/reset", body);
            tokenId = created.get("token_id").asText();
            token = created.get("token").asText();
        } else {
            try (Store store = DirectStore.open(config, true, "")) {
                NewAdminToken created = new AdminTokenService(store).reset(name, System.currentTimeMillis());
                tokenId = created.record().tokenId();
                token = created.token();
            }
        }
        boolean saved = Files.isRegularFile(config.credentialsPath())
                && AdminTokenService.saveToCredentialsFile(config.credentialsPath(), token, System.err);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("token_id", tokenId);
            out.put("token", token);
            out.put("credentials_file_updated", saved);
            AdminCommand.print(out);
        } else {
            System.out.println("New admin token (every earlier admin token is now disabled; shown only this once):");
            System.out.println(token);
            if (saved) System.out.println("Also written to " + config.credentialsPath().toAbsolutePath().normalize() + ".");
        }
        return 0;
    }
}

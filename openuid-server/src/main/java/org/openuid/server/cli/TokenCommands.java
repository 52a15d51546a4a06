package org.openuid.server.cli;

import org.openuid.server.StoreFactory;
import org.openuid.server.admin.AdminTokenSetup;
import org.openuid.server.config.OperatorConfig;
import org.openuid.store.NewAdminToken;
import org.openuid.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code openuid admin token reset}: for a lost admin token. Works on the store directly (the one admin command that
 * must, since it cannot authenticate to the admin API): disables every admin token, creates a new one and prints it
 * once. Also updates {@code admin_token} in the credentials file when that file exists. Audited as a local change.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Replace a lost admin token (on the operator host).")
final class TokenCommands {

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = {"Disable every admin token and print a new one (shown only this once).",
                    "Opens the store directly: run it on the operator host, with the operator's --store or --config."})
    int reset(@Mixin StoreOptions so,
              @Option(names = "--name", description = "Label of the new token (default: reset admin token).") String name,
              @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        OperatorConfig config = so.config(Map.of());
        NewAdminToken created;
        try (Store store = StoreFactory.openExisting(config)) {
            created = AdminTokenSetup.reset(store, name, System.currentTimeMillis());
        }
        boolean saved = Files.isRegularFile(config.credentialsPath())
                && AdminTokenSetup.saveToCredentialsFile(config.credentialsPath(), created.token(), System.err);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("token_id", created.record().tokenId());
            out.put("token", created.token());
            out.put("credentials_file_updated", saved);
            AdminCommand.print(out);
        } else {
            System.out.println("New admin token (every earlier admin token is now disabled; shown only this once):");
            System.out.println(created.token());
            if (saved) System.out.println("Also written to " + config.credentialsPath().toAbsolutePath() + ".");
        }
        return 0;
    }
}

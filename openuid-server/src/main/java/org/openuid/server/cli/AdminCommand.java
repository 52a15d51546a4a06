package org.openuid.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code openuid admin ...}: a client of the operator's admin API (docs/admin.md): sites, client keys, keysets,
 * keypairs, key and salt rotation, opt-outs, the audit log and the token inspector; tables by default, JSON with
 * {@code --json}. Three commands work on the store directly on the operator host: {@code token reset},
 * {@code optout import} and {@code optout export}.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = {"Administer a running operator through its admin API (--admin-url, --admin-token).",
                "'token reset', 'optout import' and 'optout export' work on the store directly, on the operator host"
                        + " ('token reset' through the node while one runs on the embedded store)."},
        subcommands = {SiteCommands.class, ClientCommands.class, KeysetCommands.class, KeypairCommands.class, ServiceCommands.class, KeysCommands.class,
                OptOutCommands.class, SaltCommands.class, AuditCommands.class, InspectCommand.class, TokenCommands.class})
final class AdminCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static void print(Object value) {
        try {
            System.out.println(JSON.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

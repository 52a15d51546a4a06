package org.openuid.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code openuid admin ...}: manage sites, clients, keysets and opt-outs in the store; prints JSON. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Manage sites, clients, keysets and opt-outs.",
        subcommands = {SiteCommands.class, ClientCommands.class, KeysetCommands.class, OptOutCommands.class})
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

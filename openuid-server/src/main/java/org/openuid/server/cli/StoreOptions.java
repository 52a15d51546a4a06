package org.openuid.server.cli;

import org.openuid.server.config.OperatorConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Options shared by every command that opens the store: configuration file and store location. */
public final class StoreOptions {
    @Option(names = "--config", description = "JSON configuration file (snake_case keys, see docs/configuration.md).")
    Path configFile;

    @Option(names = "--store", description = "Store: a directory for the embedded database (default ./data) or a postgresql:// URL.")
    String store;

    /** Defaults ← config file ← OPENUID_* environment ← flags. */
    OperatorConfig config(Map<String, String> flagOverrides) throws java.io.IOException {
        Map<String, String> settings = new HashMap<>(OperatorConfig.settings(configFile, System.getenv()));
        if (store != null) settings.put("store", store);
        settings.putAll(flagOverrides);
        return OperatorConfig.fromSettings(settings);
    }
}

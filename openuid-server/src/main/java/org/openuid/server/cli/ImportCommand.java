package org.openuid.server.cli;

import org.openuid.store.CoreDataImporter;
import org.openuid.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code openuid import DIR}: loads a data set in the upstream core file formats into the store (idempotent). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import sites, clients, keysets, keys, salts, keypairs and runtime config from a core-format data set.")
final class ImportCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Parameters(paramLabel = "DIR", description = "Data set root, e.g. testdata/uid2-core-test")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("not a directory: " + dir);
        try (Store store = DirectStore.open(storeOptions.config(Map.of()), false, "")) {
            CoreDataImporter.importDirectory(dir, store, System.currentTimeMillis());
            AdminCommand.print(Map.of("imported", dir.toString(), "change_version", store.changeVersion()));
        }
        return 0;
    }
}

package org.openuid.server.cli;

import org.openuid.server.config.OperatorConfig;
import org.openuid.store.importing.CoreDataImporter;
import org.openuid.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code openuid import DIR}: loads a data set in the upstream core file formats into the store (idempotent), then the
 * upstream opt-out files (delta and partition files) under {@code DIR/optout}, if that folder exists (resumable).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a data set in the upstream core file formats, then its opt-out files.",
                "Sites, clients, keysets, keys, salts, keypairs, services, service links and runtime config from DIR,"
                + " then the opt-out files (optout-delta-*.dat, optout-partition-*.dat) under DIR/optout."})
final class ImportCommand implements Callable<Integer> {
    /** The folder of a data set that holds opt-out files. */
    static final String OPT_OUT_FOLDER = "optout";

    @Mixin
    StoreOptions storeOptions;

    @Parameters(paramLabel = "DIR", description = "Data set root, e.g. testdata/uid2-core-test")
    Path dir;

    @Option(names = "--no-progress", description = "Do not show the opt-out import's progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("not a directory: " + dir);
        OperatorConfig config = storeOptions.config(Map.of());
        Path optOuts = dir.resolve(OPT_OUT_FOLDER);
        // a malformed opt-out file stops the import before anything is written
        List<OptOutFileImporter.ScannedFile> optOutFiles = Files.isDirectory(optOuts)
                ? OptOutFilesImport.scan(OptOutFilesImport.files(optOuts)) : List.of();
        try (Store store = DirectStore.open(config, false, "")) {
            CoreDataImporter.importDirectory(dir, store, System.currentTimeMillis());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("imported", dir.toString());
            out.put("change_version", store.changeVersion());
            if (Files.isDirectory(optOuts)) {
                out.put("optout", OptOutCommands.importFiles(store, config, optOutFiles,
                        OptOutFileImporter.DEFAULT_BATCH_RECORDS, noProgress));
            }
            AdminCommand.print(out);
        }
        return 0;
    }
}

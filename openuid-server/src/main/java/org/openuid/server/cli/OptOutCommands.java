package org.openuid.server.cli;

import org.openuid.core.crypto.IvSource;
import org.openuid.core.service.TokenService;
import org.openuid.server.config.OperatorConfig;
import org.openuid.store.OptOutImportProgress;
import org.openuid.store.SnapshotLoader;
import org.openuid.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code openuid admin optout add|import}: records opt-outs, durable when the command returns (docs/optout.md).
 * {@code add} goes through the admin API (docs/admin.md) and the operator honours it at once; {@code import} reads a
 * bulk file on the operator host and writes to the store directly (running operators honour it from their next poll
 * of the store). Errors and the import's progress go to stderr and never contain the identifiers themselves.
 */
@Command(name = "optout", mixinStandardHelpOptions = true, description = "Record opt-outs.")
final class OptOutCommands {
    /** Invalid lines listed one by one; further ones are only counted. */
    static final int MAX_LISTED_INVALID_LINES = 100;
    /** What to do instead of a bulk import while a node runs on the embedded store. */
    static final String WHILE_RUNNING = " (the bulk import needs the embedded store to itself; a running node takes single opt-outs"
            + " through openuid admin optout add and POST /v2/token/logout)";

    @Spec
    CommandSpec spec;

    static final class Dii {
        @Option(names = "--email", required = true) String email;
        @Option(names = "--email-hash", required = true) String emailHash;
        @Option(names = "--phone", required = true) String phone;
        @Option(names = "--phone-hash", required = true) String phoneHash;
        @Option(names = "--raw-uid", required = true, description = "Raw UID (Base64); honoured by /v2/optout/status only.")
        String rawUid;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Opt a user out (exactly one of the identifier options), through the admin API.")
    int add(@Mixin AdminClientOptions ao, @ArgGroup(exclusive = true, multiplicity = "1") Dii dii) {
        com.fasterxml.jackson.databind.node.ObjectNode body = AdminApiClient.JSON.createObjectNode();
        if (dii.email != null) body.put("email", dii.email);
        else if (dii.emailHash != null) body.put("email_hash", dii.emailHash);
        else if (dii.phone != null) body.put("phone", dii.phone);
        else if (dii.phoneHash != null) body.put("phone_hash", dii.phoneHash);
        else body.put("raw_uid", dii.rawUid);
        ao.output().object(ao.client().post("/optouts", body));
        return 0;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Opt out every identifier of FILE (one per line, UTF-8, blank lines skipped), or, with",
                    "--format uid2-optout, import upstream opt-out files (a file, or every optout-delta-*.dat and",
                    "optout-partition-*.dat under a folder; 72-byte records, original times kept).",
                    "Resumable: run it again after an interruption and it continues where it stopped.",
                    "Idempotent: a completed file is not read again; identities already opted out are skipped.",
                    "Invalid lines are reported (line number and reason) and skipped; a malformed opt-out file",
                    "stops the import before anything is written."})
    int importFile(@Mixin StoreOptions so,
                   @Parameters(paramLabel = "FILE", description = "File of identifiers, one per line"
                           + " (with --format uid2-optout: an opt-out file or a folder of them).") Path file,
                   @Option(names = "--format", defaultValue = "lines", paramLabel = "FORMAT",
                           description = "lines (default) or uid2-optout.") String format,
                   @Option(names = "--type", defaultValue = "auto", paramLabel = "TYPE",
                           description = "Identifier type of every line: " + ImportIdType.NAMES + " (default: auto,"
                                   + " which reads '<type>,<value>' lines, emails and +phone numbers).") String type,
                   @Option(names = "--batch-size", paramLabel = "N", description = "Lines (default "
                           + OptOutImporter.DEFAULT_BATCH_LINES + ") or records (default "
                           + OptOutFileImporter.DEFAULT_BATCH_RECORDS + ") per store transaction.")
                   Integer batchSize,
                   @Option(names = "--no-progress", description = "Do not show the progress bar.") boolean noProgress)
            throws Exception {
        CommandLine importCommand = spec.subcommands().get("import");
        boolean files = format.equals(OptOutImportProgress.UID2_OPTOUT_FILE);
        if (!files && !format.equals("lines")) {
            throw new CommandLine.ParameterException(importCommand,
                    "Unknown --format '" + format + "': expected lines or " + OptOutImportProgress.UID2_OPTOUT_FILE);
        }
        ImportIdType idType = ImportIdType.byLabel(type);
        if (idType == null) {
            throw new CommandLine.ParameterException(importCommand,
                    "Unknown --type '" + type + "': expected one of " + ImportIdType.NAMES);
        }
        if (files && idType != ImportIdType.AUTO) {
            throw new CommandLine.ParameterException(importCommand, "--type applies to --format lines only");
        }
        int batch = batchSize != null ? batchSize
                : files ? OptOutFileImporter.DEFAULT_BATCH_RECORDS : OptOutImporter.DEFAULT_BATCH_LINES;
        if (batch < 1 || batch > 100_000) {
            throw new CommandLine.ParameterException(importCommand, "--batch-size must be between 1 and 100000");
        }
        if (files) return importOptOutFiles(so, file, batch, noProgress);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        OperatorConfig config = so.config(Map.of());
        PrintStream err = System.err;
        try (Store store = DirectStore.open(config, true, WHILE_RUNNING)) {
            OptOutImporter importer = new OptOutImporter(store, SnapshotLoader.load(store), tokens(config),
                    System::currentTimeMillis, batch);
            String sha256 = OptOutImporter.sha256(file);
            OptOutImportProgress before = importer.savedProgress(sha256);
            long size = Files.size(file);
            long startOffset = before == null || before.complete() ? 0 : before.nextOffset();
            if (before != null && !before.complete() && before.idType().equals(idType.label())) {
                err.println("Resuming the import of " + file + " after line " + before.lines() + ".");
            }
            ProgressBar bar = noProgress ? null
                    : new ProgressBar(err, size, startOffset, System::nanoTime, System.console() != null);
            long[] invalidSeen = {0};
            OptOutImporter.Result result = importer.run(file, sha256, idType, new OptOutImporter.Listener() {
                @Override
                public void progress(long offset, long lines) {
                    if (bar != null) bar.update(offset, lines);
                }

                @Override
                public void invalidLine(long lineNumber, String reason) {
                    long n = ++invalidSeen[0];
                    String text = n <= MAX_LISTED_INVALID_LINES ? "line " + lineNumber + ": " + reason + " (skipped)"
                            : n == MAX_LISTED_INVALID_LINES + 1 ? "more invalid lines: counted, not listed" : null;
                    if (text == null) return;
                    if (bar != null) bar.message(text);
                    else err.println(text);
                }
            });
            OptOutImportProgress p = result.progress();
            if (result.alreadyComplete()) {
                err.println("This file was imported completely before: nothing to do.");
            } else if (bar != null) {
                bar.finish(p.nextOffset(), p.lines());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", file.toString());
            out.put("sha256", sha256);
            out.put("type", p.idType());
            out.put("complete", p.complete());
            out.put("already_imported", result.alreadyComplete());
            out.put("resumed_after_line", result.startLine());
            out.put("lines", p.lines());
            out.put("opted_out", p.added());
            out.put("already_opted_out", p.alreadyOptedOut());
            out.put("invalid", p.invalid());
            AdminCommand.print(out);
        }
        return 0;
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the store's opt-outs as an upstream opt-out file into DIR: a partition file with every",
                    "opt-out, or with --since CURSOR a delta file with those recorded after the cursor. The summary's",
                    "'cursor' is the value to pass as --since next time."})
    int export(@Mixin StoreOptions so,
               @Parameters(paramLabel = "DIR", description = "Folder to write the file into (created if needed).") Path dir,
               @Option(names = "--format", required = true, paramLabel = "FORMAT",
                       description = "uid2-optout (the only export format).") String format,
               @Option(names = "--since", defaultValue = "0", paramLabel = "CURSOR",
                       description = "Cursor of an earlier export (default 0: a partition file with everything).")
               long since,
               @Option(names = "--replica", defaultValue = "000", paramLabel = "NAME",
                       description = "Replica name in the file name (default: ${DEFAULT-VALUE}).") String replica)
            throws Exception {
        CommandLine exportCommand = spec.subcommands().get("export");
        if (!format.equals(OptOutImportProgress.UID2_OPTOUT_FILE)) {
            throw new CommandLine.ParameterException(exportCommand,
                    "Unknown --format '" + format + "': expected " + OptOutImportProgress.UID2_OPTOUT_FILE);
        }
        if (since < 0) throw new CommandLine.ParameterException(exportCommand, "--since must not be negative");
        if (!replica.matches("[A-Za-z0-9-]{1,32}")) {
            throw new CommandLine.ParameterException(exportCommand,
                    "--replica must be 1 to 32 letters, digits or '-'");
        }
        try (Store store = DirectStore.open(so.config(Map.of()), true, "")) {
            OptOutFileExporter.Result r = new OptOutFileExporter(store).export(dir, since, replica, java.time.Instant.now());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", r.file().toString());
            out.put("kind", r.partition() ? "partition" : "delta");
            out.put("records", r.records());
            out.put("skipped", r.skipped());
            out.put("since", r.since());
            out.put("cursor", r.cursor());
            AdminCommand.print(out);
        }
        return 0;
    }

    private static int importOptOutFiles(StoreOptions so, Path path, int batch, boolean noProgress) throws Exception {
        List<OptOutFileImporter.ScannedFile> files = OptOutFilesImport.scan(OptOutFilesImport.files(path));
        OperatorConfig config = so.config(Map.of());
        try (Store store = DirectStore.open(config, true, WHILE_RUNNING)) {
            AdminCommand.print(importFiles(store, config, files, batch, noProgress));
        }
        return 0;
    }

    /** Imports opt-out files into an open store (also used by {@code openuid import}); @return the summary */
    static Map<String, Object> importFiles(Store store, OperatorConfig config,
                                           List<OptOutFileImporter.ScannedFile> files, int batch, boolean noProgress)
            throws java.io.IOException {
        OptOutFileImporter importer = new OptOutFileImporter(store, SnapshotLoader.load(store), tokens(config),
                System::currentTimeMillis, batch);
        return new OptOutFilesImport(importer, System.err, !noProgress).run(files);
    }

    private static TokenService tokens(OperatorConfig config) {
        return new TokenService(config.identityScope(), config.identityV3(), IvSource.secure());
    }
}

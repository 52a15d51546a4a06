package org.openuid.store.importing;

import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.Site;
import org.openuid.core.uid.SaltTable;
import org.openuid.store.Store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Imports a data set in the upstream "core" file formats (spec keys-and-data.md §1-§10) into a {@link Store}.
 *
 * <p>Each part is described by {@code <root>/<part>/metadata.json}; content {@code location}s are resolved against
 * the data set root after stripping the upstream resource prefix {@code /com.uid2.core/test/} ({@link DataSetFiles}).
 * Parts whose metadata file is absent are skipped. Unknown role names are dropped. The salt snapshot in force at the
 * given time is selected as in §6.1 ({@link SaltFiles}). Entries are read by {@link EntityReaders} and
 * {@link ServiceData}.
 *
 * <p>The whole data set is parsed and checked before anything is written. Writing is an upsert that compares with
 * the store's current content and only writes what differs, so importing the same data twice leaves the store
 * (including its change version) untouched ({@link ImportWriter}). Keyset keys are immutable: a key id that exists
 * with a different content is rejected. Salt buckets are written before the salt metadata, so a store never looks
 * bootstrapped without its buckets.
 */
public final class CoreDataImporter {

    /** Upstream resource prefix stripped from {@code location} values. */
    public static final String RESOURCE_PREFIX = "/com.uid2.core/test/";

    /** A parsed and checked data set; {@code salts} null when it has no salts part. */
    record DataSet(List<Site> sites, List<ClientKey> clients, List<Keyset> keysets, List<KeysetKey> keys,
                   List<ClientSideKeypair> keypairs, RuntimeConfig runtimeConfig, SaltFiles.Salts salts,
                   ServiceData services) {}

    private CoreDataImporter() {}

    /**
     * Imports the data set at {@code root} into {@code store}, choosing the salt snapshot in force at {@code nowMs}.
     *
     * @throws ImportException when the data set cannot be read or is invalid (nothing is written then)
     */
    public static ImportResult importDirectory(Path root, Store store, long nowMs) {
        DataSet data = read(root.toAbsolutePath().normalize(), nowMs);
        int writes = ImportWriter.write(data, store);
        SaltFiles.Salts salts = data.salts();
        return new ImportResult(data.sites().size(), data.clients().size(), data.keysets().size(), data.keys().size(),
                data.keypairs().size(), salts == null ? 0 : salts.table().size(), salts == null ? null : salts.file(), writes);
    }

    private static DataSet read(Path root, long nowMs) {
        if (!Files.isDirectory(root)) throw new ImportException("data set folder not found: " + root);
        List<Site> sites = DataSetFiles.readArray(root, "sites", "sites", EntityReaders::site);
        List<ClientKey> clients = DataSetFiles.readArray(root, "clients", "client_keys", EntityReaders::client);
        List<Keyset> keysets = DataSetFiles.readArray(root, "keysets", "keysets", EntityReaders::keyset);
        List<KeysetKey> keys = DataSetFiles.readArray(root, "keyset_keys", "keyset_keys", EntityReaders::key);
        List<ClientSideKeypair> keypairs = DataSetFiles.readArray(root, "client_side_keypairs", "client_side_keypairs",
                EntityReaders::keypair);
        RuntimeConfig config = EntityReaders.runtimeConfig(root);
        SaltFiles.Salts salts = SaltFiles.read(root, nowMs);
        return new DataSet(sites, clients, keysets, keys, keypairs, config, salts, ServiceData.read(root));
    }

    /** One line of a salt file (spec §6.2). */
    static SaltBucket parseSaltLine(String line, String ctx) {
        return SaltFiles.parseSaltLine(line, ctx);
    }

    /** Whether two keyset keys are the same in every field, secret included. */
    public static boolean sameKey(KeysetKey a, KeysetKey b) {
        return ImportWriter.sameKey(a, b);
    }

    /** Whether two client keys are the same in every field, hashes and secret included. */
    public static boolean sameClient(ClientKey a, ClientKey b) {
        return ImportWriter.sameClient(a, b);
    }

    /** Whether two salt tables hold the same buckets in the same order ({@code b} may be null). */
    public static boolean sameSalts(SaltTable a, SaltTable b) {
        return SaltFiles.sameSalts(a, b);
    }

    /** A read-only list view of a salt table, materialising one bucket per {@code get}. */
    public static List<SaltBucket> asList(SaltTable table) {
        return SaltFiles.asList(table);
    }
}

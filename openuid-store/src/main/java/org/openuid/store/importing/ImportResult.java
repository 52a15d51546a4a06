package org.openuid.store.importing;

/**
 * Outcome of {@link CoreDataImporter#importDirectory}: how many entities the data set holds and how many store
 * writes were needed (0 when the store already held exactly this data).
 *
 * @param saltFile the salt snapshot file that was selected, or null when the data set has no salts
 */
public record ImportResult(int sites, int clients, int keysets, int keys, int keypairs, int saltBuckets,
                           String saltFile, int writes) {

    /** True when the import changed the store. */
    public boolean changed() {
        return writes > 0;
    }
}

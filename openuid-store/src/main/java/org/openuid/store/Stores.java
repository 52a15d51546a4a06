package org.openuid.store;

/** Opens stores from a location string (see {@link StoreLocation} for the accepted forms). */
public final class Stores {

    /** Default embedded location: the H2 file {@code ./data/openuid.mv.db}. */
    public static final String DEFAULT_LOCATION = "./data/openuid";

    private Stores() {}

    /**
     * Opens the store at {@code location}: an embedded H2 database path, or a {@code postgresql://},
     * {@code postgres://} or {@code jdbc:postgresql:} URL. The schema is created or migrated on open.
     *
     * @throws IllegalArgumentException when the location cannot be parsed
     * @throws StoreException when the database cannot be opened (the message says why) or migrated
     */
    public static JdbcStore open(String location) {
        return open(location, StoreSettings.defaults());
    }

    /** As {@link #open(String)}, with the pool size and PostgreSQL credentials of {@code settings}. */
    public static JdbcStore open(String location, StoreSettings settings) {
        return JdbcStore.open(StoreLocation.parse(location), settings);
    }

    /** As {@link #open(String)}, sealing secrets and salts with {@code sealer} (see {@link SecretSealer}). */
    public static JdbcStore open(String location, SecretSealer sealer) {
        return JdbcStore.open(StoreLocation.parse(location), sealer);
    }

    /** As {@link #open(String)}, with {@code settings}, sealing secrets and salts with {@code sealer}. */
    public static JdbcStore open(String location, StoreSettings settings, SecretSealer sealer) {
        return JdbcStore.open(StoreLocation.parse(location), settings, sealer);
    }
}

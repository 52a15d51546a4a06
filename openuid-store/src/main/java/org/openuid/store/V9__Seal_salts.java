package org.openuid.store;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Schema version 8: salts at rest are sealed like the other secrets ({@link SecretSealer}): the first-level salt
 * and the bucket id secret as text, each chunk of salt buckets as one sealed blob. This migration seals the clear
 * values an older store holds, with the key the store is opened with; opened without a key, it leaves them clear
 * (they are sealed when the store is next opened with one, see {@link #sealClearSalts}). No table changes: sealed
 * and clear values are told apart by their first bytes.
 */
final class V9__Seal_salts extends BaseJavaMigration {
    private final SecretSealer sealer;

    public V9__Seal_salts(SecretSealer sealer) {
        this.sealer = sealer;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        sealClearSalts(context.getConnection(), sealer);
    }

    /**
     * Seals every clear salt value with {@code sealer} and, while it is {@linkplain SecretSealer#rotating rotating},
     * seals again under its key every value sealed under another (nothing without a key), one chunk at a time; the
     * caller commits. @return the number of values written
     */
    public static int sealClearSalts(Connection c, SecretSealer sealer) throws SQLException {
        if (!sealer.enabled()) return 0;
        int sealed = 0;
        try (PreparedStatement select = c.prepareStatement("SELECT first_level_salt, id_secret FROM salt_metadata WHERE id = 1");
             ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
                String salt = rs.getString(1);
                String idSecret = rs.getString(2);
                String newSalt = sealer.reseal(salt);
                String newIdSecret = sealer.reseal(idSecret);
                if (newSalt != null || newIdSecret != null) {
                    try (PreparedStatement update = c.prepareStatement(
                            "UPDATE salt_metadata SET first_level_salt = ?, id_secret = ? WHERE id = 1")) {
                        update.setString(1, newSalt != null ? newSalt : salt);
                        update.setString(2, newIdSecret != null ? newIdSecret : idSecret);
                        update.executeUpdate();
                    }
                    sealed++;
                }
            }
        }
        sealed += SaltChunkRows.rewrite(c, sealer::reseal);
        return sealed;
    }
}

package org.openuid.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Rewrites the rows of {@code salt_bucket_chunks} one chunk at a time, in the caller's transaction (or looks whether it would). */
public final class SaltChunkRows {

    /** Given a chunk's stored bytes, the bytes to store instead, or null to leave the row as it is. */
    @FunctionalInterface
    public interface Rewrite {
        byte[] apply(byte[] stored) throws SQLException;
    }

    private SaltChunkRows() {}

    /**
     * Whether {@code rewrite} would change any chunk, read in order as {@link #rewrite} reads them and stopping at the
     * first; nothing is written.
     */
    public static boolean anyToRewrite(Connection c, Rewrite rewrite) throws SQLException {
        return visit(c, rewrite, null, true) > 0;
    }

    /** Applies {@code rewrite} to every chunk in order; @return the number of rows rewritten. */
    public static int rewrite(Connection c, Rewrite rewrite) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE salt_bucket_chunks SET data = ? WHERE chunk_no = ?")) {
            return visit(c, rewrite, update, false);
        }
    }

    /**
     * Reads every chunk in order (one row at a time, so that at most one is in memory) and counts those {@code rewrite}
     * would change, storing the change with {@code update} unless it is null, and stopping at the first when
     * {@code firstOnly}.
     */
    private static int visit(Connection c, Rewrite rewrite, PreparedStatement update, boolean firstOnly) throws SQLException {
        List<Integer> chunkNos = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT chunk_no FROM salt_bucket_chunks ORDER BY chunk_no");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) chunkNos.add(rs.getInt(1));
        }
        int changed = 0;
        try (PreparedStatement select = c.prepareStatement("SELECT data FROM salt_bucket_chunks WHERE chunk_no = ?")) {
            for (int chunkNo : chunkNos) {
                select.setInt(1, chunkNo);
                byte[] stored;
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) continue;
                    stored = rs.getBytes(1);
                }
                byte[] replacement = rewrite.apply(stored);
                if (replacement == null) continue;
                changed++;
                if (firstOnly) break;
                if (update != null) {
                    update.setBytes(1, replacement);
                    update.setInt(2, chunkNo);
                    update.executeUpdate();
                }
            }
        }
        return changed;
    }
}

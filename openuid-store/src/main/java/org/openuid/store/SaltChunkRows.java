package org.openuid.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Rewrites the rows of {@code salt_bucket_chunks} one chunk at a time, in the caller's transaction. */
public final class SaltChunkRows {

    /** Given a chunk's stored bytes, the bytes to store instead, or null to leave the row as it is. */
    @FunctionalInterface
    public interface Rewrite {
        byte[] apply(byte[] stored) throws SQLException;
    }

    private SaltChunkRows() {}

    /** Applies {@code rewrite} to every chunk in order; @return the number of rows rewritten. */
    public static int rewrite(Connection c, Rewrite rewrite) throws SQLException {
        List<Integer> chunkNos = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT chunk_no FROM salt_bucket_chunks ORDER BY chunk_no");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) chunkNos.add(rs.getInt(1));
        }
        int rewritten = 0;
        try (PreparedStatement select = c.prepareStatement("SELECT data FROM salt_bucket_chunks WHERE chunk_no = ?");
             PreparedStatement update = c.prepareStatement("UPDATE salt_bucket_chunks SET data = ? WHERE chunk_no = ?")) {
            for (int chunkNo : chunkNos) {
                select.setInt(1, chunkNo);
                byte[] stored;
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) continue;
                    stored = rs.getBytes(1);
                }
                byte[] replacement = rewrite.apply(stored);
                if (replacement == null) continue;
                update.setBytes(1, replacement);
                update.setInt(2, chunkNo);
                update.executeUpdate();
                rewritten++;
            }
        }
        return rewritten;
    }
}

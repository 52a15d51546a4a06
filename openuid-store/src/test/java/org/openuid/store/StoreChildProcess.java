package org.openuid.store;

import org.openuid.core.model.OptOutRecord;
import org.openuid.core.model.Site;

import java.util.concurrent.TimeUnit;

/** Helper process for {@link EmbeddedStoreTest}: uses an embedded store from a second JVM. */
public final class StoreChildProcess {

    private StoreChildProcess() {}

    /** Exit status when the store is in use by another process. */
    static final int IN_USE = 3;

    /**
     * Arguments: store location, action ({@code write-site} or {@code add-optout-and-hang}), action argument.
     * Exits with {@value #IN_USE}, printing the message, when another process has the store open.
     */
    public static void main(String[] args) throws Exception {
        try (JdbcStore store = open(args[0])) {
            switch (args[1]) {
                case "write-site" -> store.upsertSite(new Site(Integer.parseInt(args[2]), "from another process", true,
                        null, null, 0));
                case "add-optout-and-hang" -> {
                    long seq = store.addOptOut(new OptOutRecord(new byte[32], new byte[32], 1700000000L));
                    System.out.println("SEQ " + seq);
                    System.out.flush();
                    Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                }
                default -> throw new IllegalArgumentException(args[1]);
            }
        }
    }

    private static JdbcStore open(String location) {
        try {
            return Stores.open(location);
        } catch (StoreInUseException e) {
            System.out.println("IN USE " + e.getMessage());
            System.out.flush();
            System.exit(IN_USE);
            return null;
        }
    }
}

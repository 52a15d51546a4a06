package org.openuid.store;

/**
 * The sealing layer of one {@link JdbcStore}: the row classes seal secrets through it as they write and open them as
 * they read, with the sealer the store was opened with.
 */
final class Sealing {

    private final SecretSealer sealer;

    Sealing(SecretSealer sealer) {
        this.sealer = sealer;
    }

    /** The sealer in force now. */
    SecretSealer sealer() {
        return sealer;
    }

    boolean enabled() {
        return sealer.enabled();
    }

    byte[] sealBytes(byte[] clear) {
        return sealer.sealBytes(clear);
    }

    byte[] openBytes(byte[] stored) {
        return sealer.openBytes(stored);
    }

    String sealText(String clear) {
        return sealer.sealText(clear);
    }

    String openText(String stored) {
        return sealer.openText(stored);
    }
}

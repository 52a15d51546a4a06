package org.openuid.store;

/**
 * The sealing layer of one {@link JdbcStore}: the row classes seal secrets through it as they write and open them as
 * they read. The sealer can be replaced while the store is open ({@link JdbcStore#sealSecretsWith}); values written
 * from then on use the new one.
 */
final class Sealing {

    private volatile SecretSealer sealer;

    Sealing(SecretSealer sealer) {
        this.sealer = sealer;
    }

    /** The sealer in force now. */
    SecretSealer sealer() {
        return sealer;
    }

    void replace(SecretSealer sealer) {
        this.sealer = sealer;
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

package org.openuid.store;

import org.openuid.core.model.OptOutRecord;

/** An opt-out with its position in the store's append-only sequence. */
public record OptOutEntry(long sequence, OptOutRecord record) {
}

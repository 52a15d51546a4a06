package org.openuid.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The listeners of one {@link JdbcStore}, told about its writes right after they commit. */
final class ChangeListeners {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

    void add(ChangeListener listener) {
        listeners.add(listener);
    }

    void remove(ChangeListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener; one that throws is logged and does not stop the others. */
    void changed(ChangeListener.Change change) {
        for (ChangeListener l : listeners) {
            try {
                l.changed(change);
            } catch (RuntimeException e) {
                LOG.warn("change listener failed: {}", e.toString());
            }
        }
    }
}

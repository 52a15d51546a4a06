package org.openuid.store;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * While the database is away a call waits only briefly for a connection, and says why there is none; once a
 * connection opens again calls wait the full time again.
 */
class StorePoolTest {

    @Test
    void aCallWaitsBrieflyWhileTheDatabaseIsAwayAndTheFullTimeOnceItIsBack() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        ConnectionFactory h2 = ConnectionFactory.of(StoreLocation.parse("jdbc:h2:mem:pooltest;DB_CLOSE_DELAY=-1"), StoreSettings.defaults());
        ConnectionFactory flaky = () -> {
            if (!up.get()) throw new SQLException("connection refused: the database is away");
            return h2.open();
        };
        try (StorePool pool = new StorePool(flaky, StoreLocation.Kind.POSTGRESQL, 2)) {
            assertThat(pool.connectionWaitMillis()).as("nothing failed yet").isEqualTo(StorePool.PG_CONNECTION_TIMEOUT_MS);
            assertThatThrownBy(pool::borrow).isInstanceOf(SQLException.class).hasMessageContaining("the database is away");
            assertThat(pool.connectionWaitMillis()).as("no connection and the last attempt failed")
                    .isEqualTo(StorePool.UNREACHABLE_WAIT_MS);
            assertThatThrownBy(pool::borrow).isInstanceOf(SQLException.class);

            up.set(true);
            Connection c = borrowWithinAMinute(pool);
            assertThat(c.isValid(5)).isTrue();
            pool.release(c, true);
            assertThat(pool.connectionWaitMillis()).as("a connection opened again").isEqualTo(StorePool.PG_CONNECTION_TIMEOUT_MS);
        }
    }

    /** The pool reconnects in the background with a growing pause (up to 5 s); calls in between fail fast. */
    private static Connection borrowWithinAMinute(StorePool pool) throws Exception {
        SQLException last = null;
        for (int i = 0; i < 240; i++) {
            try {
                return pool.borrow();
            } catch (SQLException e) {
                last = e;
            }
        }
        throw last;
    }
}

package org.openuid.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionFailureTest {
    private static SQLException state(String s) {
        return new SQLException("FATAL: something", s);
    }

    @Test
    void aSessionIsLostOnConnectionErrorsAndServerShutdownsOnly() {
        for (String lost : new String[]{"08000", "08003", "08006", "57P01", "57P02", "57P03"}) {
            assertThat(ConnectionFailure.sessionLost(state(lost))).as(lost).isTrue();
        }
        for (String alive : new String[]{"57014", "53300", "40001", "23505", "42P01", "", null}) {
            assertThat(ConnectionFailure.sessionLost(state(alive))).as(String.valueOf(alive)).isFalse();
        }
    }
}

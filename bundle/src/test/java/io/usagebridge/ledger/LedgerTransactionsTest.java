package io.usagebridge.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Which database errors mean the ledger is gone (nothing may move) rather than a failed statement. */
class LedgerTransactionsTest {

    @Test
    void aServerShuttingDownIsAnOutageNotAFailedStatement() {
        // what a pooled connection answers after PostgreSQL stopped under it
        assertTrue(LedgerTransactions.connectionLost(new SQLException(
                "FATAL: terminating connection due to administrator command", "57P01")));
        assertTrue(LedgerTransactions.connectionLost(new SQLException("the database system is starting up",
                "57P03")));
        assertTrue(LedgerTransactions.connectionLost(new SQLException("An I/O error occurred", "08006")));

        assertFalse(LedgerTransactions.connectionLost(new SQLException("canceling statement", "57014")));
        assertFalse(LedgerTransactions.connectionLost(new SQLException("duplicate key", "23505")));
    }
}

package io.usagebridge.ledger;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** How the ledger's tables are changed: one transaction per unit of work, rolled back whole on any failure. */
public final class LedgerTransactions {

    @FunctionalInterface
    public interface Work<T> {
        T run(Handle h);
    }

    private LedgerTransactions() {
    }

    /**
     * Runs {@code work} in one transaction. A lost or unreachable database is a {@link LedgerUnavailableException}
     * (the caller retries later); any other database error an {@link IllegalStateException}; the work's own
     * exceptions (a lease lost, a transition refused) pass unchanged after the rollback.
     */
    static <T> T inTransaction(Jdbi jdbi, Work<T> work) {
        try {
            return jdbi.inTransaction(work::run);
        } catch (JdbiException e) {
            if (connectionLost(e)) {
                throw new LedgerUnavailableException("the ledger database cannot be reached: " + e.getMessage(), e);
            }
            throw new IllegalStateException("ledger database error: " + e.getMessage(), e);
        }
    }

    /**
     * SQLState class 08 is a connection exception in every driver; the JDBC types say the same. PostgreSQL's 57P
     * (shut down, crashed, starting up) is the server going away: a pooled connection that was open when the server
     * stopped answers its next statement with 57P01 (the pool evicts it too).
     */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}

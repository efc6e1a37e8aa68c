package io.usagebridge.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

/** How the ledger's tables are changed: one transaction per unit of work, rolled back whole on any failure. */
public final class LedgerTransactions {

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private LedgerTransactions() {
    }

    static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new LedgerUnavailableException("the ledger database cannot be reached: " + e.getMessage(), e);
        }
        try (c) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            if (connectionLost(e)) {
                throw new LedgerUnavailableException("the ledger database connection failed: " + e.getMessage(), e);
            }
            throw new IllegalStateException("ledger database error: " + e.getMessage(), e);
        }
    }

    /**
     * SQLState class 08 is a connection exception in every driver; the JDBC types say the same. PostgreSQL's 57P
     * (shut down, crashed, starting up) is the server going away: a pooled connection that was open when the server
     * stopped answers its next statement with 57P01 (the pool evicts it too).
     */
    static boolean connectionLost(SQLException e) {
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

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the database rolls back what it never committed
        }
    }

    static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}

package io.usagebridge.ledger;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ledger's database, opened from a JDBC URL: an H2 file by default, PostgreSQL when several nodes share it.
 * The schema is Flyway's (db/migration), applied on open.
 */
public final class LedgerDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final AutoCloseable closer;

    private LedgerDatabase(DataSource dataSource, AutoCloseable closer) {
        this.dataSource = dataSource;
        this.closer = closer;
    }

    /** Opens the database at {@code url} and migrates its schema. */
    public static LedgerDatabase open(String url, String user, String password) {
        LedgerDatabase db;
        if (url.startsWith("jdbc:h2:")) {
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, user, password == null ? "" : password);
            db = new LedgerDatabase(pool, pool::dispose);
        } else if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            pg.setUser(user);
            pg.setPassword(password);
            db = new LedgerDatabase(pg, () -> { });
        } else {
            throw new IllegalArgumentException("ledger.url must be a jdbc:h2: or jdbc:postgresql: URL");
        }
        db.migrate();
        return db;
    }

    /** Wraps a data source the runtime already manages. */
    public static LedgerDatabase of(DataSource dataSource) {
        LedgerDatabase db = new LedgerDatabase(dataSource, () -> { });
        db.migrate();
        return db;
    }

    private void migrate() {
        Flyway.configure(LedgerDatabase.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** True when a connection can be had and answers: what readiness reports. */
    public boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the ledger database failed", e);
        }
    }
}

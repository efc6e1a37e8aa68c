package io.usagebridge.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ledger's database, opened from a JDBC URL: an H2 file by default, PostgreSQL when several nodes share it.
 * The schema is Flyway's (db/migration), applied on open.
 */
public final class LedgerDatabase implements AutoCloseable {

    static final String CORE_MIGRATIONS = "classpath:db/migration";

    private final DataSource dataSource;
    private final AutoCloseable closer;
    private final boolean singleProcess;

    private LedgerDatabase(DataSource dataSource, AutoCloseable closer, boolean singleProcess) {
        this.dataSource = dataSource;
        this.closer = closer;
        this.singleProcess = singleProcess;
    }

    /** Opens the database at {@code url} and migrates the core's schema. */
    public static LedgerDatabase open(String url, String user, String password) {
        return open(url, user, password, List.of());
    }

    /** Opens the database at {@code url} and migrates the core's schema and the plug-ins' ({@code locations}). */
    public static LedgerDatabase open(String url, String user, String password, List<String> locations) {
        LedgerDatabase db;
        if (url.startsWith("jdbc:h2:")) {
            JdbcConnectionPool pool = JdbcConnectionPool.create(durableH2(url), user,
                    password == null ? "" : password);
            db = new LedgerDatabase(pool, pool::dispose, !url.toUpperCase(java.util.Locale.ROOT)
                    .contains("AUTO_SERVER=TRUE"));
        } else if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            pg.setUser(user);
            pg.setPassword(password);
            // an unreachable database must fail a transition fast, not hang the intake
            if (!url.contains("connectTimeout")) {
                pg.setConnectTimeout(5);
            }
            if (!url.contains("socketTimeout")) {
                pg.setSocketTimeout(60);
            }
            db = new LedgerDatabase(pg, () -> { }, false);
        } else {
            throw new IllegalArgumentException("ledger.url must be a jdbc:h2: or jdbc:postgresql: URL");
        }
        db.migrate(locations);
        return db;
    }

    /**
     * H2 writes a commit to its file up to WRITE_DELAY (500 ms) later: a kill -9 in that window loses committed
     * transitions (seen: a file billed twice after a restart). With 0 every commit is in the file before it returns.
     */
    static String durableH2(String url) {
        return url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY=") ? url : url + ";WRITE_DELAY=0";
    }

    /** Wraps a data source the runtime already manages (several processes may share it). */
    public static LedgerDatabase of(DataSource dataSource, List<String> locations) {
        LedgerDatabase db = new LedgerDatabase(dataSource, () -> { }, false);
        db.migrate(locations);
        return db;
    }

    /** The core's migrations and the plug-ins', in one history: their versions interleave (a plug-in's 1.5). */
    private void migrate(List<String> pluginLocations) {
        List<String> locations = new ArrayList<>(List.of(CORE_MIGRATIONS));
        locations.addAll(pluginLocations);
        Flyway.configure(LedgerDatabase.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * True for a ledger only one process can open at a time (an H2 file, locked by its process): at start every
     * lease in it belongs to a process that is gone.
     */
    public boolean singleProcess() {
        return singleProcess;
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

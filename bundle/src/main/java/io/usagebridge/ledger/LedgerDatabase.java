package io.usagebridge.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The ledger's database, opened from a JDBC URL: an H2 file by default, PostgreSQL when several nodes share it
 * (through a pool, {@link LedgerPoolSettings}). The schema is Flyway's (db/migration), applied on open; closing it
 * closes the pool.
 */
public final class LedgerDatabase implements AutoCloseable {

    static final String CORE_MIGRATIONS = "classpath:db/migration";
    /** Names the PostgreSQL pool's threads and log lines. */
    public static final String POOL_NAME = "usagebridge-ledger";

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
        return open(url, user, password, locations, LedgerPoolSettings.DEFAULTS);
    }

    /** As {@link #open(String, String, String, List)}, its connections held as {@code pool} says. */
    public static LedgerDatabase open(String url, String user, String password, List<String> locations,
            LedgerPoolSettings pool) {
        LedgerDatabase db;
        if (url.startsWith("jdbc:h2:")) {
            // H2 keeps its own pool: it never closes an idle connection, so the database stays open and its file
            // locked for as long as this process runs (the single-process guarantee). A pool that retires
            // connections (Hikari's idle timeout, max lifetime) would let the last one close, H2 close the file,
            // and a second process open it between two transitions.
            H2FileCompaction.compactIfSparse(url, user, password, H2FileCompaction.MIN_BYTES);
            JdbcConnectionPool h2 = JdbcConnectionPool.create(durableH2(url), user, password == null ? "" : password);
            h2.setMaxConnections(pool.maxSize());
            h2.setLoginTimeout(LedgerPoolSettings.seconds(pool.connectionTimeout()));
            db = new LedgerDatabase(h2, h2::dispose, !url.toUpperCase(java.util.Locale.ROOT)
                    .contains("AUTO_SERVER=TRUE"));
        } else if (url.startsWith("jdbc:postgresql:")) {
            HikariDataSource pg = pooledPostgres(url, user, password, pool);
            db = new LedgerDatabase(pg, pg::close, false);
        } else {
            throw new IllegalArgumentException("ledger.url must be a jdbc:h2: or jdbc:postgresql: URL");
        }
        try {
            db.migrate(locations);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * Connections kept and reused instead of one per transition. An unreachable database fails a transition within
     * the pool's connection timeout (as a {@link LedgerUnavailableException}), not Hikari's default 30 s, and the
     * pool refills by itself once the database is back. The password stays in the driver's data source: Hikari's
     * configuration (which it logs at DEBUG) never holds it.
     */
    private static HikariDataSource pooledPostgres(String url, String user, String password,
            LedgerPoolSettings pool) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        pg.setUser(user);
        pg.setPassword(password);
        // an unreachable database must fail a transition fast, not hang the intake; a URL's own value wins
        if (!url.contains("connectTimeout")) {
            pg.setConnectTimeout(LedgerPoolSettings.seconds(pool.connectTimeout()));
        }
        if (!url.contains("socketTimeout")) {
            pg.setSocketTimeout(LedgerPoolSettings.seconds(pool.socketTimeout()));
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setDataSource(pg);
        config.setMaximumPoolSize(pool.maxSize());
        config.setMinimumIdle(pool.minIdle());
        config.setConnectionTimeout(pool.connectionTimeout().toMillis());
        config.setValidationTimeout(pool.validationTimeout().toMillis());
        return new HikariDataSource(config);
    }

    /**
     * H2 writes a commit to its file up to WRITE_DELAY (500 ms) later: a kill -9 in that window loses committed
     * transitions (seen: a file billed twice after a restart). With 0 every commit is in the file before it returns.
     * H2's own shutdown hook closes the database the moment SIGTERM arrives, under the files still in work (seen: a
     * move of an original made but never recorded); with DB_CLOSE_ON_EXIT=FALSE it closes with this pool, after
     * Camel's graceful shutdown let them finish. A file's journey runs a few dozen distinct statements: H2 keeps 8
     * parsed per connection by default and parsed the rest again each time (a tenth of a file's CPU). A URL's own
     * value wins.
     */
    static String durableH2(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        StringBuilder tuned = new StringBuilder(url);
        for (String setting : List.of("WRITE_DELAY=0", "DB_CLOSE_ON_EXIT=FALSE", "QUERY_CACHE_SIZE=64")) {
            if (!upper.contains(setting.substring(0, setting.indexOf('=') + 1))) {
                tuned.append(';').append(setting);
            }
        }
        return tuned.toString();
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

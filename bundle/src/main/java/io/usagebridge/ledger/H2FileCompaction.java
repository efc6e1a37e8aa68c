package io.usagebridge.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H2 2.x writes a new chunk of its file per commit (the ledger commits every transition through, WRITE_DELAY=0) and
 * gives the space it frees back only when the database closes with {@code SHUTDOWN COMPACT}: measured, 3,000 small
 * files left a 619 MB ledger that compacts to 2 MB. So before the ledger's pool opens an H2 file, a file of at least
 * {@link #MIN_BYTES} whose live pages fill less than {@link #BELOW_FILL_PERCENT} of it is compacted: each start
 * gives back what the last run left. A small file is not even opened (the start stays as fast); an in-memory, remote
 * or shared ({@code AUTO_SERVER=TRUE}) database is never touched.
 */
final class H2FileCompaction {

    static final long MIN_BYTES = 64L * 1024 * 1024;
    static final int BELOW_FILL_PERCENT = 50;
    private static final Logger LOG = LoggerFactory.getLogger(H2FileCompaction.class);

    private H2FileCompaction() {
    }

    /** Compacts the file behind {@code url} when it is large and mostly dead space; true when it did. */
    static boolean compactIfSparse(String url, String user, String password, long minBytes) {
        Optional<Path> file = storeFile(url);
        try {
            if (file.isEmpty() || !Files.isRegularFile(file.get()) || Files.size(file.get()) < minBytes) {
                return false;
            }
            long before = Files.size(file.get());
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password == null ? "" : password);
            long started = System.nanoTime();
            try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
                int fill = fillRate(s);
                if (fill >= BELOW_FILL_PERCENT) {
                    return false;
                }
                LOG.info("ledger: compacting {} ({} MB, {} % of it live data) before opening it", file.get(),
                        megabytes(before), fill);
                s.execute("SHUTDOWN COMPACT");
            }
            LOG.info("ledger: compacted {} to {} MB in {} ms", file.get(), megabytes(Files.size(file.get())),
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (IOException | SQLException | RuntimeException e) {
            // the pool's own open reports a database it cannot open; a compaction that could not run is no failure
            LOG.warn("ledger: {} not compacted: {}", file.orElse(null), e.getMessage());
            return false;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    /**
     * Percent of the file that is live data: MVStore's share of the file in chunks ({@code info.FILL_RATE}) times the
     * live share of those chunks ({@code info.CHUNKS_FILL_RATE}); either alone can read 100 over a file that is 1 %
     * live.
     */
    private static int fillRate(Statement s) throws SQLException {
        int file = 100;
        int chunks = 100;
        try (ResultSet rs = s.executeQuery("select setting_name, setting_value from information_schema.settings "
                + "where setting_name in ('info.FILL_RATE', 'info.CHUNKS_FILL_RATE')")) {
            while (rs.next()) {
                int value = Integer.parseInt(rs.getString(2).trim());
                if ("info.FILL_RATE".equals(rs.getString(1))) {
                    file = value;
                } else {
                    chunks = value;
                }
            }
        }
        return file * chunks / 100;
    }

    /** {@code jdbc:h2:[file:]<path>[;settings]} to {@code <path>.mv.db}; empty for memory, remote or shared ones. */
    static Optional<Path> storeFile(String url) {
        String upper = url.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("JDBC:H2:") || upper.contains("AUTO_SERVER=TRUE")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int settings = rest.indexOf(';');
        String name = settings < 0 ? rest : rest.substring(0, settings);
        if (name.regionMatches(true, 0, "file:", 0, 5)) {
            name = name.substring(5);
        } else if (name.matches("(?i)^(mem|tcp|ssl|zip|nio\\w*|split|async|retry)[:].*")) {
            return Optional.empty();
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return name.isBlank() ? Optional.empty() : Optional.of(Path.of(name + ".mv.db"));
    }
}

package io.usagebridge.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A ledger that has aged: {@code count} past small files, each a DONE source with one ACCEPTED 2Checkout delivery and
 * its one attempt, as the app writes them (finished, moved, no lease), received over the year before now, every one
 * of other content than the files a run drops. Written straight into the app's H2 file with the app stopped (H2
 * allows one process per file), after the app has created the schema once, in batches so no transaction holds a
 * million rows, then compacted.
 */
final class AgedLedger {

    /** The sandbox profile's ledger user (ledger.user); its password is empty there. */
    private static final String USER = "usagebridge";
    private static final int BATCH = 50_000;
    /** Seconds between two past files: a million span about a year. */
    private static final int SECONDS_APART = 30;

    private AgedLedger() {
    }

    /** Adds {@code count} past deliveries (ids 1..count: the ledger must be empty) and returns the seconds it took. */
    static double seed(RunDirs dirs, int count) throws SQLException {
        long start = System.nanoTime();
        Path done = dirs.done();
        try (Connection ledger = DriverManager.getConnection(dirs.ledgerUrl(), USER, "")) {
            ledger.setAutoCommit(false);
            for (int first = 1; first <= count; first += BATCH) {
                int last = Math.min(count, first + BATCH - 1);
                insert(ledger, SOURCES, first, last, count, "file://" + dirs.inbox(), done.toString(),
                        done.toString(), dirs.failed().toString(), dirs.failed().toString());
                insert(ledger, DELIVERIES, first, last, count);
                insert(ledger, ATTEMPTS, first, last, count);
                ledger.commit();
            }
            try (Statement restart = ledger.createStatement()) {
                // the app's next rows take the ids after the past ones
                for (String table : new String[] {"source_file", "delivery", "delivery_attempt"}) {
                    restart.execute("alter table " + table + " alter column id restart with " + (count + 1));
                }
            }
            ledger.commit();
            try (Statement compact = ledger.createStatement()) {
                // rewritten as a ledger that grew over a year would be laid out, not as chunks of bulk inserts
                // (ten times the size); this closes the database
                compact.execute("shutdown compact");
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void insert(Connection ledger, String sql, int first, int last, int count, String... texts)
            throws SQLException {
        try (PreparedStatement insert = ledger.prepareStatement(sql)) {
            int i = 1;
            for (String text : texts) {
                insert.setString(i++, text);
            }
            insert.setInt(i++, count);
            insert.setInt(i++, SECONDS_APART);
            insert.setInt(i++, first);
            insert.setInt(i, last);
            insert.executeUpdate();
        }
    }

    /** Past content: the SHA-256 and MD5 of the row number's text, never the bytes of a generated usage file. */
    private static final String PAST = "select x, lower(rawtohex(hash('SHA-256', cast(x as varchar)))) sha, "
            + "lower(rawtohex(hash('MD5', cast(x as varchar)))) md5, "
            + "dateadd(second, -(cast(? as bigint) - x) * ?, localtimestamp) at from system_range(?, ?)";

    private static final String SOURCES = "insert into source_file (id, name, origin, sha256, md5, bytes, row_count, "
            + "state, node_id, kept_at, done_dir, failed_dir, sidecar_dir, received_at, finished_at, intake_route, "
            + "moved) select x, 'usage-past-' || x || '.csv', cast(? as varchar), sha, md5, 2200, 28, 'DONE', 'aged', "
            + "cast(? as varchar) || '/usage-past-' || x || '.csv', cast(? as varchar), cast(? as varchar), "
            + "cast(? as varchar), at, dateadd(millisecond, 90, at), 'intake-folder', true from (" + PAST + ") past";

    private static final String DELIVERIES = "insert into delivery (id, source_id, content_sha256, target, chunk_no, "
            + "chunk_count, chunk_md5, chunk_bytes, chunk_rows, state, remote_status, remote_response, attempts, "
            + "created_at, updated_at, sent_name) select x, x, sha, 'twocheckout', 1, 1, md5, 2280, 28, 'ACCEPTED', "
            + "'1', '1', 1, dateadd(millisecond, 20, at), dateadd(millisecond, 80, at), 'usage-past-' || x || '.csv' "
            + "from (" + PAST + ") past";

    private static final String ATTEMPTS = "insert into delivery_attempt (id, delivery_id, attempt_no, started_at, "
            + "finished_at, outcome, http_status, response_excerpt) select x, x, 1, dateadd(millisecond, 30, at), "
            + "dateadd(millisecond, 75, at), 'ACCEPTED', 200, '1' from (" + PAST + ") past";
}

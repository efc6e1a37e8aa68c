package io.usagebridge.alerts.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

/** Source and delivery rows written straight into a ledger, as the intake and the targets would leave them. */
public final class TestLedgerRows {

    private TestLedgerRows() {
    }

    /** A source file received (and finished) at {@code at} from {@code origin} (also its intake route). */
    public static long insertSource(DataSource dataSource, String name, String state, String origin, Instant at)
            throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("insert into "
                + "source_file (name, origin, intake_route, sha256, md5, bytes, row_count, state, node_id, "
                + "received_at, finished_at, moved) values (?, ?, ?, ?, ?, 100, 10, ?, 'test', ?, ?, true)",
                Statement.RETURN_GENERATED_KEYS)) {
            Timestamp now = Timestamp.from(at);
            s.setString(1, name);
            s.setString(2, origin);
            s.setString(3, origin);
            s.setString(4, "a".repeat(64));
            s.setString(5, "b".repeat(32));
            s.setString(6, state);
            s.setTimestamp(7, now);
            s.setTimestamp(8, now);
            s.executeUpdate();
            return generatedId(s);
        }
    }

    public static long insertDelivery(DataSource dataSource, long sourceId, String state, Long remoteFailed,
                                      Instant at) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("insert into "
                + "delivery (source_id, content_sha256, target, chunk_no, chunk_count, state, remote_total, "
                + "remote_failed, attempts, created_at, updated_at) values (?, ?, 'zuora-soap', 0, 1, ?, 10, ?, 1, "
                + "?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            Timestamp now = Timestamp.from(at);
            s.setLong(1, sourceId);
            s.setString(2, Long.toString(sourceId).repeat(64).substring(0, 64));
            s.setString(3, state);
            if (remoteFailed == null) {
                s.setNull(4, java.sql.Types.BIGINT);
            } else {
                s.setLong(4, remoteFailed);
            }
            s.setTimestamp(5, now);
            s.setTimestamp(6, now);
            s.executeUpdate();
            return generatedId(s);
        }
    }

    /** Empties the alert, delivery and source tables between tests. */
    public static void empty(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from alert_send");
            s.execute("delete from alert");
            s.execute("delete from delivery");
            s.execute("delete from source_file");
        }
    }

    private static long generatedId(PreparedStatement s) throws Exception {
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}

package io.usagebridge.faults.harness;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The row's ledger as an operator reads it, with plain JDBC: uncertain deliveries, parked retries, chunk sizes.
 * An H2 ledger is a file the running app holds locked, so it is read only while no app runs; PostgreSQL any time.
 */
public final class LedgerAccess {

    /**
     * Columns the product may name a parked retry's next attempt time with (the lead's schema decides; the first
     * present is used).
     */
    static final List<String> NEXT_ATTEMPT_COLUMNS = List.of("next_attempt_at", "next_retry_at", "retry_at",
            "due_at", "not_before");

    private final String url;
    private final String user;
    private final String password;
    private final boolean h2;

    private LedgerAccess(String url, String user, String password, boolean h2) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.h2 = h2;
    }

    /** The default ledger: an H2 file. */
    public static LedgerAccess h2(Path file) {
        return new LedgerAccess("jdbc:h2:file:" + file.toAbsolutePath() + ";AUTO_SERVER=FALSE", "usagebridge", "",
                true);
    }

    public static LedgerAccess postgres(String url, String user, String password) {
        return new LedgerAccess(url, user, password, false);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** True when the ledger can be read only while the app is stopped. */
    public boolean isH2() {
        return h2;
    }

    /** A delivery the app left UNCERTAIN, with its source file. */
    public record UncertainDelivery(long id, String target, int chunkNo, long sourceId, String sourceName,
                                    String sourceSha256) {
    }

    /** One delivery of a source, for the rows a chunk holds. */
    public record DeliveryChunk(long id, String target, int chunkNo, Long chunkRows, String state) {
    }

    /** A delivery waiting for its next attempt. */
    public record ParkedDelivery(long id, String target, String state, Instant nextAttemptAt, String column) {
    }

    /** Every UNCERTAIN delivery; empty when the ledger has no tables yet (the app never started). */
    public List<UncertainDelivery> uncertain() {
        List<UncertainDelivery> rows = new ArrayList<>();
        query("select d.id, d.target, d.chunk_no, s.id, s.name, s.sha256 from delivery d "
                + "join source_file s on s.id = d.source_id where d.state = ? order by d.id", List.of("UNCERTAIN"),
                rs ->
                rows.add(new UncertainDelivery(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6).trim())));
        return rows;
    }

    /** The deliveries of the source files with this content, by target and chunk. */
    public List<DeliveryChunk> deliveriesOf(String sourceSha256) {
        List<DeliveryChunk> rows = new ArrayList<>();
        query("select d.id, d.target, d.chunk_no, d.chunk_rows, d.state from delivery d join source_file s "
                + "on s.id = d.source_id where s.sha256 = ? order by d.target, d.chunk_no", List.of(sourceSha256),
                rs -> {
                    long chunkRows = rs.getLong(4);
                    rows.add(new DeliveryChunk(rs.getLong(1), rs.getString(2), rs.getInt(3),
                            rs.wasNull() ? null : chunkRows, rs.getString(5)));
                });
        return rows;
    }

    /** The state of each delivery by state name, for notes. */
    public List<String> deliveryStates() {
        List<String> rows = new ArrayList<>();
        query("select state, count(*) from delivery group by state order by state", List.of(),
                rs -> rows.add(rs.getString(1) + "=" + rs.getLong(2)));
        return rows;
    }

    /** The not-final deliveries of a source and target, with their next attempt time when the schema has one. */
    public Optional<ParkedDelivery> waitingDelivery(String sourceSha256, String target) {
        Optional<String> column = nextAttemptColumn();
        List<ParkedDelivery> rows = new ArrayList<>();
        query("select d.id, d.target, d.state" + column.map(c -> ", d." + c).orElse("") + " from delivery d join "
                + "source_file s on s.id = d.source_id where s.sha256 = ? and d.target = ? order by d.id",
                List.of(sourceSha256, target), rs -> {
                    Timestamp next = column.isPresent() ? rs.getTimestamp(4) : null;
                    rows.add(new ParkedDelivery(rs.getLong(1), rs.getString(2), rs.getString(3),
                            next == null ? null : next.toInstant(), column.orElse(null)));
                });
        return rows.stream().reduce((first, last) -> last);
    }

    /** Makes a parked delivery due now, as an operator shortening a long Retry-After would. */
    public int makeDueNow(long deliveryId, String column) {
        if (!NEXT_ATTEMPT_COLUMNS.contains(column)) {
            throw new IllegalArgumentException("not a next-attempt column: " + column);
        }
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("update delivery set " + column + " = ? where id = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setLong(2, deliveryId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("updating delivery " + deliveryId + ": " + e.getMessage(), e);
        }
    }

    /** The first of {@link #NEXT_ATTEMPT_COLUMNS} the delivery table has. */
    public Optional<String> nextAttemptColumn() {
        try (Connection c = connect()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String candidate : NEXT_ATTEMPT_COLUMNS) {
                for (String name : List.of(candidate, candidate.toUpperCase(Locale.ROOT))) {
                    try (ResultSet rs = meta.getColumns(null, null, h2 ? "DELIVERY" : "delivery", name)) {
                        if (rs.next()) {
                            return Optional.of(candidate);
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<String> parameters, RowReader reader) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            if (isMissingTable(e)) {
                return;
            }
            throw new IllegalStateException("reading the ledger: " + e.getMessage(), e);
        }
    }

    private static boolean isMissingTable(SQLException e) {
        // H2 42104 / 42S02, PostgreSQL 42P01: the app never created its schema
        return "42S02".equals(e.getSQLState()) || "42S04".equals(e.getSQLState()) || "42P01".equals(e.getSQLState())
                || e.getErrorCode() == 42104 || e.getErrorCode() == 42102;
    }

    private Connection connect() throws SQLException {
        if (h2) {
            // IFEXISTS: reading must never create an empty ledger where the app has not made one
            return DriverManager.getConnection(url + ";IFEXISTS=TRUE", user, password);
        }
        return DriverManager.getConnection(url, user, password);
    }
}

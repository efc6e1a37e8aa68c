package io.usagebridge.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * What every part of the ledger shares: transactions, the clock, the lease this instance holds its work under, and
 * reading source and delivery rows by column name.
 */
public abstract class LedgerSql {

    static final String DELIVERY_SELECT = "select * from delivery";
    static final String SOURCE_SELECT = "select * from source_file";

    protected final DataSource dataSource;
    protected final LedgerInstance instance;
    protected final Clock clock;

    protected LedgerSql(DataSource dataSource, LedgerInstance instance, Clock clock) {
        this.dataSource = dataSource;
        this.instance = instance;
        this.clock = clock;
    }

    public LedgerInstance instance() {
        return instance;
    }

    protected <T> T inTransaction(LedgerTransactions.Work<T> work) {
        return LedgerTransactions.inTransaction(dataSource, work);
    }

    protected Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /** When a lease taken now expires. */
    protected Timestamp leaseUntil() {
        return Timestamp.from(clock.instant().plus(instance.lease()));
    }

    protected static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    protected List<DeliveryRow> deliveries(Connection c, String where, Object... args) throws SQLException {
        List<DeliveryRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DELIVERY_SELECT + " where " + where + " order by id")) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(deliveryRow(rs));
                }
            }
        }
        return rows;
    }

    protected Optional<DeliveryRow> deliveryById(Connection c, long id) throws SQLException {
        return deliveries(c, "id = ?", id).stream().findFirst();
    }

    protected List<SourceRow> sources(Connection c, String where, Object... args) throws SQLException {
        List<SourceRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SOURCE_SELECT + " where " + where + " order by id")) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(sourceRow(rs));
                }
            }
        }
        return rows;
    }

    protected Optional<SourceRow> sourceById(Connection c, long id) throws SQLException {
        return sources(c, "id = ?", id).stream().findFirst();
    }

    /** Runs an UPDATE or INSERT with bound arguments; returns the rows it changed. */
    protected static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /** Binds arguments in order; a null needs its type, so it is given as {@link Null}. */
    protected static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof Null n) {
                ps.setNull(i + 1, n.sqlType());
            } else if (arg instanceof Instant at) {
                ps.setTimestamp(i + 1, Timestamp.from(at));
            } else if (arg instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, arg);
            }
        }
    }

    /** A typed SQL NULL for {@link #bind}. */
    protected record Null(int sqlType) {
        public static final Null STRING = new Null(Types.VARCHAR);
        public static final Null TIMESTAMP = new Null(Types.TIMESTAMP);
        public static final Null BIGINT = new Null(Types.BIGINT);
        public static final Null INTEGER = new Null(Types.INTEGER);
    }

    protected static Object orNull(String value) {
        return value == null ? Null.STRING : value;
    }

    protected static Object orNull(Long value) {
        return value == null ? Null.BIGINT : value;
    }

    protected static Object orNull(Integer value) {
        return value == null ? Null.INTEGER : value;
    }

    protected static Object orNull(Instant value) {
        return value == null ? Null.TIMESTAMP : value;
    }

    /** A timestamp column as an instant (null stays null). */
    protected static Instant instant(java.sql.Timestamp ts) {
        return LedgerTransactions.instant(ts);
    }

    protected static DeliveryRow deliveryRow(ResultSet rs) throws SQLException {
        return new DeliveryRow(rs.getLong("id"), rs.getLong("source_id"), rs.getString("content_sha256"),
                rs.getString("target"), rs.getInt("chunk_no"), rs.getInt("chunk_count"), rs.getString("chunk_md5"),
                nullableLong(rs, "chunk_bytes"), nullableLong(rs, "chunk_rows"),
                DeliveryState.valueOf(rs.getString("state")), rs.getString("remote_id"),
                rs.getString("remote_status"), rs.getString("remote_response"), rs.getString("error_code"),
                rs.getString("error_message"), nullableBoolean(rs, "retryable"), rs.getInt("attempts"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")), rs.getInt("polls"),
                instant(rs.getTimestamp("next_poll_at")), instant(rs.getTimestamp("poll_deadline")),
                nullableLong(rs, "remote_total"), nullableLong(rs, "remote_imported"),
                nullableLong(rs, "remote_failed"), rs.getString("result_path"), rs.getString("claimed_by"),
                instant(rs.getTimestamp("lease_until")), instant(rs.getTimestamp("next_attempt_at")),
                rs.getInt("key_generation"), rs.getString("chunk_path"), rs.getString("sent_name"),
                instant(rs.getTimestamp("uncertain_since")), rs.getInt("lookups"), rs.getInt("parks"),
                rs.getString("resolution"),
                rs.getString("resolved_by"), instant(rs.getTimestamp("resolved_at")));
    }

    protected static SourceRow sourceRow(ResultSet rs) throws SQLException {
        return new SourceRow(rs.getLong("id"), rs.getString("name"), rs.getString("origin"),
                rs.getString("work_path"), rs.getString("sha256"), rs.getString("md5"), rs.getLong("bytes"),
                rs.getLong("row_count"), SourceState.valueOf(rs.getString("state")),
                nullableLong(rs, "duplicate_of"), rs.getString("error_code"), rs.getString("error_message"),
                instant(rs.getTimestamp("received_at")), instant(rs.getTimestamp("finished_at")),
                rs.getString("kept_at"), rs.getString("done_dir"), rs.getString("failed_dir"),
                rs.getString("sidecar_dir"), rs.getString("node_id"), rs.getString("lease_owner"),
                instant(rs.getTimestamp("lease_until")), rs.getString("intake_route"),
                nullableLong(rs, "superseded_by"), rs.getBoolean("moved"));
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    protected static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}

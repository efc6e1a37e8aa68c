package io.usagebridge.targets.insights.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.ledger.IllegalTransitionException;
import io.usagebridge.ledger.LedgerInstance;
import io.usagebridge.ledger.LedgerSql;

/**
 * The Insights batches in the ledger (tables insights_batch and insights_batch_record, the target's own migration
 * beside the core's source files and deliveries). Like the core's ledger, each state change is one transaction
 * whose UPDATE names the
 * state it leaves, so two nodes can never both claim a batch.
 */
public class InsightsBatchLedger extends LedgerSql {

    /** The one form a batchDate is sent in: UTC with Z, to the second. */
    public static final DateTimeFormatter BATCH_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private static final String COLUMNS = "id, target, data_source, batch_name, state, batch_date, claimed_by, "
            + "first_seen_at, deadline, error_code, error_message, outcome_path, updated_at, finished_at";

    public InsightsBatchLedger(DataSource dataSource, LedgerInstance instance, Clock clock) {
        super(dataSource, instance, clock);
    }

    /**
     * A batch folder seen in the inbox: recorded WAITING with its deadline the first time; a failed batch whose folder
     * came back (a replay) waits again with a new deadline, keeping its batchDate.
     */
    public InsightsBatchRow seen(String target, String dataSourceName, String batchName, Duration deadlineAfter) {
        try {
            return inTransaction(c -> seen(c, target, dataSourceName, batchName, deadlineAfter));
        } catch (IllegalStateException insertRace) {
            // another node recorded it between our read and our insert
            return batch(target, dataSourceName, batchName).orElseThrow(() -> insertRace);
        }
    }

    private InsightsBatchRow seen(Connection c, String target, String ds, String name, Duration deadlineAfter)
            throws SQLException {
        Optional<InsightsBatchRow> existing = one(c, "target = ? and data_source = ? and batch_name = ?", target, ds,
                name);
        Timestamp now = now();
        Timestamp deadline = Timestamp.from(clock.instant().plus(deadlineAfter));
        if (existing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("insert into insights_batch (target, data_source, "
                    + "batch_name, state, first_seen_at, deadline, updated_at) values (?,?,?,?,?,?,?)")) {
                ps.setString(1, target);
                ps.setString(2, ds);
                ps.setString(3, name);
                ps.setString(4, InsightsBatchState.WAITING.name());
                ps.setTimestamp(5, now);
                ps.setTimestamp(6, deadline);
                ps.setTimestamp(7, now);
                ps.executeUpdate();
            }
            return one(c, "target = ? and data_source = ? and batch_name = ?", target, ds, name).orElseThrow();
        }
        InsightsBatchRow row = existing.get();
        if (row.state() == InsightsBatchState.FAILED && row.finished()) {
            try (PreparedStatement ps = c.prepareStatement("update insights_batch set state = ?, error_code = null, "
                    + "error_message = null, outcome_path = null, finished_at = null, claimed_by = null, "
                    + "lease_until = null, "
                    + "first_seen_at = ?, deadline = ?, updated_at = ? where id = ? and state = ? "
                    + "and finished_at is not null")) {
                ps.setString(1, InsightsBatchState.WAITING.name());
                ps.setTimestamp(2, now);
                ps.setTimestamp(3, deadline);
                ps.setTimestamp(4, now);
                ps.setLong(5, row.id());
                ps.setString(6, InsightsBatchState.FAILED.name());
                ps.executeUpdate();
            }
            return one(c, "id = ?", row.id()).orElseThrow();
        }
        return row;
    }

    /**
     * Takes a complete batch under this instance's lease: WAITING, or CLAIMED and held by nobody (a batch that
     * waits for a retry, or whose instance died: resumed). Its batchDate is chosen now if it has none, in the same
     * transaction, so it is in the ledger before the first call; a data source's batchDates never repeat (a second
     * batch in the same second gets the next second).
     *
     * @return the claimed batch, or empty when another instance holds it
     */
    public Optional<InsightsBatchRow> claim(long batchId) {
        return inTransaction(c -> {
            InsightsBatchRow row = one(c, "id = ?", batchId).orElseThrow();
            if (row.state() != InsightsBatchState.WAITING && !(row.state() == InsightsBatchState.CLAIMED
                    && free(c, batchId))) {
                return Optional.<InsightsBatchRow>empty();
            }
            String batchDate = row.batchDate() != null ? row.batchDate() : nextBatchDate(c, row);
            if (update(c, "update insights_batch set state = ?, claimed_by = ?, lease_until = ?, batch_date = ?, "
                    + "updated_at = ? where id = ? and state = ? and (claimed_by is null or claimed_by = ? or "
                    + "lease_until < ?)", InsightsBatchState.CLAIMED, instance.token(), leaseUntil(), batchDate,
                    now(), batchId, row.state(), instance.token(), now()) != 1) {
                return Optional.<InsightsBatchRow>empty();
            }
            return one(c, "id = ?", batchId);
        });
    }

    /** True when no live instance holds the batch's lease. */
    private boolean free(Connection c, long batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from insights_batch where id = ? and "
                + "(claimed_by is null or claimed_by = ? or lease_until < ?)")) {
            bind(ps, batchId, instance.token(), now());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    /** True when the batch is claimed and held by nobody now: free to resume or to finish. */
    public boolean unheld(long batchId) {
        return inTransaction(c -> free(c, batchId));
    }

    /** The batch's round is over (its record types sent, parked or refused): its lease goes, it stays CLAIMED. */
    public void release(long batchId) {
        inTransaction(c -> update(c, "update insights_batch set claimed_by = null, lease_until = null where id = ? "
                + "and claimed_by = ?", batchId, instance.token()));
    }

    /** True while a record type's delivery waits for a parked retry or is being sent: resuming would send nothing. */
    public boolean deliveriesWaiting(long batchId) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from insights_batch_record r join "
                    + "delivery d on d.id = r.delivery_id where r.batch_id = ? and d.state in ('PARKED', 'POLLING', "
                    + "'SENT', 'CLAIMED', 'SENDING')")) {
                bind(ps, batchId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    private String nextBatchDate(Connection c, InsightsBatchRow row) throws SQLException {
        Instant candidate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try (PreparedStatement ps = c.prepareStatement("select max(batch_date) from insights_batch where target = ? "
                + "and data_source = ?")) {
            ps.setString(1, row.target());
            ps.setString(2, row.dataSource());
            try (ResultSet rs = ps.executeQuery()) {
                String latest = rs.next() ? rs.getString(1) : null;
                if (latest != null) {
                    Instant last = Instant.from(BATCH_DATE.parse(latest));
                    if (!candidate.isAfter(last)) {
                        candidate = last.plusSeconds(1);
                    }
                }
            }
        }
        return BATCH_DATE.format(candidate);
    }

    /** The batch fails as a whole (incomplete at its deadline, invalid folder, a record type refused). */
    public void fail(long batchId, FailureCode code, String message) {
        settle(batchId, InsightsBatchState.FAILED, code, message);
    }

    /** A claimed batch reached its outcome: UPLOADED, or FAILED with the failure that decided it. */
    public void settle(long batchId, InsightsBatchState outcome, FailureCode code, String message) {
        inTransaction(c -> {
            InsightsBatchRow row = one(c, "id = ?", batchId).orElseThrow();
            if (!row.state().canMoveTo(outcome)) {
                throw new IllegalTransitionException("insights batch " + batchId + ": " + row.state() + " -> "
                        + outcome + " is not allowed");
            }
            try (PreparedStatement ps = c.prepareStatement("update insights_batch set state = ?, error_code = ?, "
                    + "error_message = ?, updated_at = ? where id = ? and state = ?")) {
                ps.setString(1, outcome.name());
                ps.setString(2, code == null ? null : code.name());
                ps.setString(3, UsageBridgeFailure.cut(message, UsageBridgeFailure.MAX_MESSAGE_CHARS));
                ps.setTimestamp(4, now());
                ps.setLong(5, batchId);
                ps.setString(6, row.state().name());
                if (ps.executeUpdate() != 1) {
                    throw new IllegalTransitionException("insights batch " + batchId + " changed meanwhile");
                }
            }
            return null;
        });
    }

    /** The batch's folder left the inbox (to done/, failed/ or duplicate/): nothing more happens to it. */
    public void finish(long batchId, String outcomePath) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update insights_batch set finished_at = ?, "
                    + "outcome_path = ?, claimed_by = null, lease_until = null, updated_at = ? where id = ?")) {
                Timestamp now = now();
                ps.setTimestamp(1, now);
                ps.setString(2, outcomePath);
                ps.setTimestamp(3, now);
                ps.setLong(4, batchId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A record type's file was received (fingerprinted, recorded as a source file) for this run of the batch. */
    public void recordSource(long batchId, String recordType, long sourceId) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update insights_batch_record set source_id = ?, "
                    + "delivery_id = null where batch_id = ? and record_type = ?")) {
                ps.setLong(1, sourceId);
                ps.setLong(2, batchId);
                ps.setString(3, recordType);
                if (ps.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into insights_batch_record (batch_id, record_type, "
                    + "source_id) values (?,?,?)")) {
                ps.setLong(1, batchId);
                ps.setString(2, recordType);
                ps.setLong(3, sourceId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The delivery that carries (or already carried) a record type's file. */
    public void recordDelivery(long batchId, String recordType, long deliveryId) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update insights_batch_record set delivery_id = ? "
                    + "where batch_id = ? and record_type = ?")) {
                ps.setLong(1, deliveryId);
                ps.setLong(2, batchId);
                ps.setString(3, recordType);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The batch and record type a delivery carries, for a parked retry sent outside its batch's round. */
    public record DeliveredRecord(long batchId, String dataSource, String recordType, String batchDate) {
    }

    public Optional<DeliveredRecord> recordOfDelivery(long deliveryId) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select b.id, b.data_source, r.record_type, b.batch_date "
                    + "from insights_batch_record r join insights_batch b on b.id = r.batch_id "
                    + "where r.delivery_id = ?")) {
                bind(ps, deliveryId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new DeliveredRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4))) : Optional.<DeliveredRecord>empty();
                }
            }
        });
    }

    public List<InsightsRecordRow> records(long batchId) {
        return inTransaction(c -> {
            List<InsightsRecordRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select batch_id, record_type, source_id, delivery_id "
                    + "from insights_batch_record where batch_id = ? order by record_type")) {
                ps.setLong(1, batchId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long source = rs.getLong(3);
                        Long sourceId = rs.wasNull() ? null : source;
                        long delivery = rs.getLong(4);
                        Long deliveryId = rs.wasNull() ? null : delivery;
                        rows.add(new InsightsRecordRow(rs.getLong(1), rs.getString(2), sourceId, deliveryId));
                    }
                }
            }
            return rows;
        });
    }

    public Optional<InsightsBatchRow> batch(long id) {
        return inTransaction(c -> one(c, "id = ?", id));
    }

    public Optional<InsightsBatchRow> batch(String target, String dataSourceName, String batchName) {
        return inTransaction(c -> one(c, "target = ? and data_source = ? and batch_name = ?", target, dataSourceName,
                batchName));
    }

    public List<InsightsBatchRow> batchesOf(String target) {
        return inTransaction(c -> all(c, "target = ?", target));
    }

    // --- plumbing -----------------------------------------------------------------------------------------

    private Optional<InsightsBatchRow> one(Connection c, String where, Object... args) throws SQLException {
        return all(c, where, args).stream().findFirst();
    }

    private List<InsightsBatchRow> all(Connection c, String where, Object... args) throws SQLException {
        List<InsightsBatchRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from insights_batch where " + where
                + " order by id")) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new InsightsBatchRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            InsightsBatchState.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
                            instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), rs.getString(10),
                            rs.getString(11), rs.getString(12), instant(rs.getTimestamp(13)),
                            instant(rs.getTimestamp(14))));
                }
            }
        }
        return rows;
    }

}

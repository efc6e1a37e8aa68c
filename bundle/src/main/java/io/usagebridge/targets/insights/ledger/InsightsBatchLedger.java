package io.usagebridge.targets.insights.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.ledger.IllegalTransitionException;
import io.usagebridge.ledger.LedgerInstance;
import io.usagebridge.ledger.LedgerSql;

/**
 * The Insights batches in the ledger (tables insights_batch and insights_batch_record, the target's own migration
 * beside the core's source files and deliveries). Like the core's ledger, each state change is one transaction
 * whose UPDATE names the state it leaves, so two nodes can never both claim a batch.
 */
public class InsightsBatchLedger extends LedgerSql {

    /** The one form a batchDate is sent in: UTC with Z, to the second. */
    public static final DateTimeFormatter BATCH_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private static final String COLUMNS = "id, target, data_source, batch_name, state, batch_date, claimed_by, "
            + "first_seen_at, deadline, error_code, error_message, outcome_path, updated_at, finished_at";

    public InsightsBatchLedger(DataSource dataSource, LedgerInstance instance, Clock clock) {
        super(dataSource, instance, clock);
        jdbi.registerRowMapper(ConstructorMapper.factory(InsightsBatchRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(InsightsRecordRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(DeliveredRecord.class));
    }

    /**
     * A batch folder seen in the inbox: recorded WAITING with its deadline the first time; a failed batch whose folder
     * came back (a replay) waits again with a new deadline, keeping its batchDate.
     */
    public InsightsBatchRow seen(String target, String dataSourceName, String batchName, Duration deadlineAfter) {
        try {
            return inTransaction(h -> seen(h, target, dataSourceName, batchName, deadlineAfter));
        } catch (IllegalStateException insertRace) {
            // another node recorded it between our read and our insert
            return batch(target, dataSourceName, batchName).orElseThrow(() -> insertRace);
        }
    }

    private InsightsBatchRow seen(Handle h, String target, String ds, String name, Duration deadlineAfter) {
        Optional<InsightsBatchRow> existing = one(h, "target = ? and data_source = ? and batch_name = ?", target, ds,
                name);
        Timestamp now = now();
        Timestamp deadline = Timestamp.from(clock.instant().plus(deadlineAfter));
        if (existing.isEmpty()) {
            update(h, "insert into insights_batch (target, data_source, batch_name, state, first_seen_at, deadline, "
                    + "updated_at) values (?,?,?,?,?,?,?)", target, ds, name, InsightsBatchState.WAITING, now,
                    deadline, now);
            return one(h, "target = ? and data_source = ? and batch_name = ?", target, ds, name).orElseThrow();
        }
        InsightsBatchRow row = existing.get();
        if (row.state() == InsightsBatchState.FAILED && row.finished()) {
            update(h, "update insights_batch set state = ?, error_code = null, error_message = null, "
                    + "outcome_path = null, finished_at = null, claimed_by = null, lease_until = null, "
                    + "first_seen_at = ?, deadline = ?, updated_at = ? where id = ? and state = ? "
                    + "and finished_at is not null", InsightsBatchState.WAITING, now, deadline, now, row.id(),
                    InsightsBatchState.FAILED);
            return one(h, "id = ?", row.id()).orElseThrow();
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
        return inTransaction(h -> {
            InsightsBatchRow row = one(h, "id = ?", batchId).orElseThrow();
            if (row.state() != InsightsBatchState.WAITING && !(row.state() == InsightsBatchState.CLAIMED
                    && free(h, batchId))) {
                return Optional.<InsightsBatchRow>empty();
            }
            String batchDate = row.batchDate() != null ? row.batchDate() : nextBatchDate(h, row);
            if (update(h, "update insights_batch set state = ?, claimed_by = ?, lease_until = ?, batch_date = ?, "
                    + "updated_at = ? where id = ? and state = ? and (claimed_by is null or claimed_by = ? or "
                    + "lease_until < ?)", InsightsBatchState.CLAIMED, instance.token(), leaseUntil(), batchDate,
                    now(), batchId, row.state(), instance.token(), now()) != 1) {
                return Optional.<InsightsBatchRow>empty();
            }
            return one(h, "id = ?", batchId);
        });
    }

    /** True when no live instance holds the batch's lease. */
    private boolean free(Handle h, long batchId) {
        return number(h, "select count(*) from insights_batch where id = ? and (claimed_by is null or claimed_by = ? "
                + "or lease_until < ?)", batchId, instance.token(), now()) == 1;
    }

    /** True when the batch is claimed and held by nobody now: free to resume or to finish. */
    public boolean unheld(long batchId) {
        return inTransaction(h -> free(h, batchId));
    }

    /** The batch's round is over (its record types sent, parked or refused): its lease goes, it stays CLAIMED. */
    public void release(long batchId) {
        inTransaction(h -> update(h, "update insights_batch set claimed_by = null, lease_until = null where id = ? "
                + "and claimed_by = ?", batchId, instance.token()));
    }

    /** True while a record type's delivery waits for a parked retry or is being sent: resuming would send nothing. */
    public boolean deliveriesWaiting(long batchId) {
        return inTransaction(h -> number(h, "select count(*) from insights_batch_record r join delivery d "
                + "on d.id = r.delivery_id where r.batch_id = ? and d.state in ('PARKED', 'POLLING', 'SENT', "
                + "'CLAIMED', 'SENDING')", batchId) > 0);
    }

    private String nextBatchDate(Handle h, InsightsBatchRow row) {
        Instant candidate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<String> latest = query(h, "select max(batch_date) from insights_batch where target = ? "
                + "and data_source = ?", row.target(), row.dataSource()).mapTo(String.class).findOne();
        if (latest.isPresent()) {
            Instant last = Instant.from(BATCH_DATE.parse(latest.get()));
            if (!candidate.isAfter(last)) {
                candidate = last.plusSeconds(1);
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
        inTransaction(h -> {
            InsightsBatchRow row = one(h, "id = ?", batchId).orElseThrow();
            if (!row.state().canMoveTo(outcome)) {
                throw new IllegalTransitionException("insights batch " + batchId + ": " + row.state() + " -> "
                        + outcome + " is not allowed");
            }
            if (update(h, "update insights_batch set state = ?, error_code = ?, error_message = ?, updated_at = ? "
                    + "where id = ? and state = ?", outcome, orNull(code == null ? null : code.name()),
                    orNull(UsageBridgeFailure.cut(message, UsageBridgeFailure.MAX_MESSAGE_CHARS)), now(), batchId,
                    row.state()) != 1) {
                throw new IllegalTransitionException("insights batch " + batchId + " changed meanwhile");
            }
            return null;
        });
    }

    /** The batch's folder left the inbox (to done/, failed/ or duplicate/): nothing more happens to it. */
    public void finish(long batchId, String outcomePath) {
        inTransaction(h -> update(h, "update insights_batch set finished_at = ?, outcome_path = ?, claimed_by = null, "
                + "lease_until = null, updated_at = ? where id = ?", now(), orNull(outcomePath), now(), batchId));
    }

    /** A record type's file was received (fingerprinted, recorded as a source file) for this run of the batch. */
    public void recordSource(long batchId, String recordType, long sourceId) {
        inTransaction(h -> {
            if (update(h, "update insights_batch_record set source_id = ?, delivery_id = null where batch_id = ? "
                    + "and record_type = ?", sourceId, batchId, recordType) == 1) {
                return null;
            }
            update(h, "insert into insights_batch_record (batch_id, record_type, source_id) values (?,?,?)", batchId,
                    recordType, sourceId);
            return null;
        });
    }

    /** The delivery that carries (or already carried) a record type's file. */
    public void recordDelivery(long batchId, String recordType, long deliveryId) {
        inTransaction(h -> update(h, "update insights_batch_record set delivery_id = ? where batch_id = ? "
                + "and record_type = ?", deliveryId, batchId, recordType));
    }

    /** The batch and record type a delivery carries, for a parked retry sent outside its batch's round. */
    public record DeliveredRecord(long batchId, String dataSource, String recordType, String batchDate) {
    }

    public Optional<DeliveredRecord> recordOfDelivery(long deliveryId) {
        return inTransaction(h -> query(h, "select b.id as batch_id, b.data_source, r.record_type, b.batch_date "
                + "from insights_batch_record r join insights_batch b on b.id = r.batch_id where r.delivery_id = ?",
                deliveryId).mapTo(DeliveredRecord.class).findFirst());
    }

    public List<InsightsRecordRow> records(long batchId) {
        return inTransaction(h -> query(h, "select batch_id, record_type, source_id, delivery_id "
                + "from insights_batch_record where batch_id = ? order by record_type", batchId)
                .mapTo(InsightsRecordRow.class).list());
    }

    public Optional<InsightsBatchRow> batch(long id) {
        return inTransaction(h -> one(h, "id = ?", id));
    }

    public Optional<InsightsBatchRow> batch(String target, String dataSourceName, String batchName) {
        return inTransaction(h -> one(h, "target = ? and data_source = ? and batch_name = ?", target, dataSourceName,
                batchName));
    }

    /** The latest batches of every target, newest first. */
    public List<InsightsBatchRow> recent(int limit) {
        return inTransaction(h -> query(h, "select * from insights_batch order by id desc fetch first "
                + Math.max(1, Math.min(limit, 1000)) + " rows only").mapTo(InsightsBatchRow.class).list());
    }

    public List<InsightsBatchRow> batchesOf(String target) {
        return inTransaction(h -> all(h, "target = ?", target));
    }

    private static Optional<InsightsBatchRow> one(Handle h, String where, Object... args) {
        return all(h, where, args).stream().findFirst();
    }

    private static List<InsightsBatchRow> all(Handle h, String where, Object... args) {
        return query(h, "select * from insights_batch where " + where + " order by id", args)
                .mapTo(InsightsBatchRow.class).list();
    }
}

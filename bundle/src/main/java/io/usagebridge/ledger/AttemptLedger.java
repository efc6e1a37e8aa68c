package io.usagebridge.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jdbi.v3.core.Handle;

import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;

/** Each try at sending a delivery: when it started and ended, how, and an excerpt of the target's answer. */
public class AttemptLedger extends LedgerSql {

    public AttemptLedger(DataSource dataSource, LedgerInstance instance, Clock clock) {
        super(dataSource, instance, clock);
    }

    public void closeAttempt(long deliveryId, String outcome, Integer httpStatus, FailureCode code, String excerpt) {
        inTransaction(h -> update(h, "update delivery_attempt set finished_at = ?, outcome = ?, http_status = ?, "
                + "error_code = ?, response_excerpt = ? where delivery_id = ? and finished_at is null", now(),
                outcome, orNull(httpStatus), orNull(code == null ? null : code.name()),
                orNull(UsageBridgeFailure.cut(excerpt, UsageBridgeFailure.MAX_REPLY_CHARS)), deliveryId));
    }

    public List<AttemptRow> attemptsOf(long deliveryId) {
        return inTransaction(h -> query(h, "select * from delivery_attempt where delivery_id = ? order by attempt_no",
                deliveryId).mapTo(AttemptRow.class).list());
    }

    /** A new attempt, in the transaction that moves its delivery to SENDING; returns its number. */
    static int openAttempt(Handle h, long deliveryId, Instant now) {
        update(h, "update delivery set attempts = attempts + 1 where id = ?", deliveryId);
        int attemptNo = deliveryById(h, deliveryId).orElseThrow().attempts();
        update(h, "insert into delivery_attempt (delivery_id, attempt_no, started_at) values (?,?,?)", deliveryId,
                attemptNo, now);
        return attemptNo;
    }

    /** When the last attempt began: from then on the request may have arrived. */
    static Optional<Instant> lastAttemptStart(Handle h, long deliveryId) {
        return query(h, "select max(started_at) from delivery_attempt where delivery_id = ?", deliveryId)
                .mapTo(Instant.class).findOne();
    }
}

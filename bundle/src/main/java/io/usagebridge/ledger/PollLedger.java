package io.usagebridge.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.usagebridge.failure.UsageBridgeFailure;

/** Deliveries a target took as a job (a remote id): followed by status checks until the job's final status. */
public class PollLedger extends LedgerSql {

    public PollLedger(DataSource dataSource, LedgerInstance instance, Clock clock) {
        super(dataSource, instance, clock);
    }

    /** The target took the job (remote id): from now on it is followed until its final status. */
    public void markPolling(long deliveryId, String remoteId, String remoteResponse, Instant firstPoll,
                            Instant deadline) {
        inTransaction(h -> {
            DeliveryRow row = deliveryById(h, deliveryId).orElseThrow();
            moveDelivery(h, row, DeliveryState.POLLING, ", remote_id = ?, remote_response = ?, next_poll_at = ?, "
                    + "poll_deadline = ?, next_attempt_at = null, claimed_by = null, lease_until = null", remoteId,
                    orNull(UsageBridgeFailure.cut(remoteResponse, UsageBridgeFailure.MAX_REPLY_CHARS)), firstPoll,
                    deadline);
            return null;
        });
    }

    /** Deliveries whose next status check is due, each taken under this instance's lease for the check. */
    public List<DeliveryRow> takeDuePolls(int limit) {
        return takeDue("state = 'POLLING' and next_poll_at <= ?", "next_poll_at", limit);
    }

    /** Still processing remotely: note the status and when to ask again; the poll's lease is released. */
    public void pollAgain(long deliveryId, String remoteStatus, Instant nextPoll) {
        inTransaction(h -> update(h, "update delivery set polls = polls + 1, remote_status = ?, next_poll_at = ?, "
                + "claimed_by = null, lease_until = null, updated_at = ? where id = ? and state = ? "
                + "and (claimed_by = ? or claimed_by is null)", orNull(remoteStatus), nextPoll, now(), deliveryId,
                DeliveryState.POLLING, instance.token()));
    }

    /** The remote job's final counts and where its result file is kept. */
    public void recordRemoteOutcome(long deliveryId, String remoteStatus, Long total, Long imported, Long failed,
                                    String resultPath) {
        inTransaction(h -> update(h, "update delivery set polls = polls + 1, remote_status = ?, remote_total = ?, "
                + "remote_imported = ?, remote_failed = ?, result_path = ?, next_poll_at = null, updated_at = ? "
                + "where id = ? and (claimed_by = ? or claimed_by is null)", orNull(remoteStatus), orNull(total),
                orNull(imported), orNull(failed), orNull(resultPath), now(), deliveryId, instance.token()));
    }
}

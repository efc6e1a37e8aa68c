package io.usagebridge.ledger;

import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import io.usagebridge.failure.UsageBridgeFailure;

/**
 * What operators did besides resolving (which {@link Resolutions} records in its own transaction): a replay asked
 * for, a remote job stopped. Kept in ledger_action with who and when.
 */
public class OperatorActions extends LedgerSql {

    public OperatorActions(DataSource dataSource, LedgerInstance instance, Clock clock) {
        super(dataSource, instance, clock);
    }

    public void record(String action, Long deliveryId, Long sourceId, String actor, String detail) {
        inTransaction(h -> update(h, "insert into ledger_action (action, delivery_id, source_id, actor, detail, at) "
                + "values (?,?,?,?,?,?)", action, orNull(deliveryId), orNull(sourceId), actor,
                orNull(UsageBridgeFailure.cut(detail, UsageBridgeFailure.MAX_MESSAGE_CHARS)), now()));
    }

    /** The latest delivery a remote job id (a Zuora bulkKey) belongs to. */
    public Optional<DeliveryRow> deliveryWithRemoteId(String remoteId) {
        return inTransaction(h -> deliveries(h, "remote_id = ?", remoteId).stream().reduce((a, b) -> b));
    }
}

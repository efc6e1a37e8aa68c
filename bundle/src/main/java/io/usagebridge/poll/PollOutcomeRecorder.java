package io.usagebridge.poll;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.fault.FaultPoints;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.metrics.UsageBridgeMetrics;
import io.usagebridge.plugin.TargetCatalog;

/** Writes what a status check found: ask again later, or the final status with its counts and result file. */
public final class PollOutcomeRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PollOutcomeRecorder.class);

    private final Ledger ledger;
    private final TargetCatalog catalog;
    private final Clock clock;
    private final UsageBridgeMetrics metrics;
    private final FaultPoints faultPoints;

    public PollOutcomeRecorder(Ledger ledger, TargetCatalog catalog, Clock clock,
                               UsageBridgeMetrics metrics, FaultPoints faultPoints) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.clock = clock;
        this.metrics = metrics;
        this.faultPoints = faultPoints;
    }

    @Override
    public void process(Exchange exchange) {
        DeliveryRow delivery = exchange.getProperty(ExchangeKeys.DELIVERY_ROW, DeliveryRow.class);
        RemoteOutcome outcome = exchange.getProperty(ExchangeKeys.POLL_OUTCOME, RemoteOutcome.class);
        String status = exchange.getProperty(ExchangeKeys.REMOTE_STATUS, String.class);
        String response = exchange.getProperty(ExchangeKeys.REMOTE_RESPONSE, String.class);
        String what = delivery.target() + " delivery " + delivery.id() + " remote id " + delivery.remoteId();
        faultPoints.reach(FaultPoints.WHILE_POLLING, what + ": " + status);
        if (outcome == RemoteOutcome.PENDING) {
            if (clock.instant().isAfter(delivery.pollDeadline())) {
                // never resent: a second send could make a second job (an idempotency key lasts only 24 h)
                ledger.deliveries().markFailed(delivery.id(), DeliveryState.UNCERTAIN, new UsageBridgeFailure(
                        CoreFailureCode.REMOTE_STATUS_TIMEOUT, "the target still reports " + status + " (remote id "
                        + delivery.remoteId() + ") after the configured poll timeout; check the job at the target, "
                        + "then resolve", response));
                LOG.warn("{}: REMOTE_STATUS_TIMEOUT, still {}", what, status);
                return;
            }
            ledger.polls().pollAgain(delivery.id(), status,
                    PollTiming.of(catalog.target(delivery.target())).next(clock.instant(), delivery.polls() + 1));
            LOG.info("{}: still {}", what, status);
            return;
        }
        String result = exchange.getProperty(ExchangeKeys.RESULT_FILE, String.class);
        ledger.polls().recordRemoteOutcome(delivery.id(), status, exchange.getProperty(ExchangeKeys.REMOTE_TOTAL, Long.class),
                exchange.getProperty(ExchangeKeys.REMOTE_IMPORTED, Long.class),
                exchange.getProperty(ExchangeKeys.REMOTE_FAILED, Long.class), result);
        if (outcome == RemoteOutcome.ACCEPTED) {
            ledger.deliveries().markAccepted(delivery.id(), delivery.remoteId(), status, response);
            metrics.delivered(delivery.target());
            LOG.info("{}: ACCEPTED ({})", what, status);
        } else if (outcome == RemoteOutcome.STOPPED) {
            ledger.deliveries().markFailed(delivery.id(), DeliveryState.STOPPED, new UsageBridgeFailure(
                    CoreFailureCode.REMOTE_JOB_STOPPED, "the job was stopped at the target on request", response));
            LOG.warn("{}: STOPPED", what);
        } else {
            FailureCode code = exchange.getProperty(ExchangeKeys.REMOTE_FAILURE_CODE, CoreFailureCode.REMOTE_JOB_FAILED,
                    FailureCode.class);
            String reason = exchange.getProperty(ExchangeKeys.REMOTE_REASON, String.class);
            ledger.deliveries().markFailed(delivery.id(), DeliveryState.REJECTED, new UsageBridgeFailure(code,
                    "the target finished the job as " + status + (reason == null ? "" : ": " + reason), response));
            LOG.warn("{}: REJECTED remotely ({})", what, status);
        }
    }
}

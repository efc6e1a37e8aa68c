package io.usagebridge.poll;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.deadletter.FailureClassifier;
import io.usagebridge.failure.CoreFailureCode;
import io.usagebridge.failure.FailureCode;
import io.usagebridge.failure.UsageBridgeFailure;
import io.usagebridge.ledger.DeliveryRow;
import io.usagebridge.ledger.DeliveryState;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.plugin.TargetCatalog;

/**
 * A status check that itself failed (network, 5xx, an expired session) does not fail the delivery: the job is
 * still at the target. It is asked again with backoff, until the poll deadline; except when the target's answer
 * pointed off its allow-list ({@code URL_NOT_ALLOWED}): the same answer would come again, so the delivery fails.
 */
public final class PollFailureRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PollFailureRecorder.class);

    private final Ledger ledger;
    private final TargetCatalog catalog;
    private final FailureClassifier classifier;
    private final Clock clock;

    public PollFailureRecorder(Ledger ledger, TargetCatalog catalog, FailureClassifier classifier,
                               Clock clock) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.classifier = classifier;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        DeliveryRow delivery = exchange.getProperty(ExchangeKeys.DELIVERY_ROW, DeliveryRow.class);
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        UsageBridgeFailure failure = classifier.classify(thrown);
        if (failure.code() == CoreFailureCode.URL_NOT_ALLOWED) {
            // asking again would get the same address: final, with the job's status at the target named
            ledger.deliveries().markFailed(delivery.id(), DeliveryState.FAILED, new UsageBridgeFailure(failure.code(),
                    failure.getMessage() + " (remote id " + delivery.remoteId() + ", " + statusAtTarget(exchange,
                    delivery) + "; check the job there before any replay)", failure.targetReply()));
            LOG.warn("{} delivery {}: URL_NOT_ALLOWED", delivery.target(), delivery.id());
            return;
        }
        if (clock.instant().isAfter(delivery.pollDeadline())) {
            ledger.deliveries().markFailed(delivery.id(), DeliveryState.UNCERTAIN, new UsageBridgeFailure(
                    CoreFailureCode.REMOTE_STATUS_TIMEOUT, "no final status before the poll timeout (remote id "
                    + delivery.remoteId() + "); last check failed: " + failure.code() + " " + failure.getMessage()
                    + "; check the job at the target, then resolve", failure.targetReply()));
            LOG.warn("{} delivery {}: REMOTE_STATUS_TIMEOUT", delivery.target(), delivery.id());
            return;
        }
        ledger.polls().pollAgain(delivery.id(), delivery.remoteStatus(),
                PollTiming.of(catalog.target(delivery.target())).next(clock.instant(), delivery.polls() + 1));
        LOG.warn("{} delivery {}: status check failed ({} {}), asking again later", delivery.target(),
                delivery.id(), failure.code(), failure.getMessage());
    }

    private static String statusAtTarget(Exchange exchange, DeliveryRow delivery) {
        String status = exchange.getProperty(ExchangeKeys.REMOTE_STATUS, delivery.remoteStatus(), String.class);
        return status == null || status.isBlank() ? "its status at the target was never read"
                : "last status at the target: " + status;
    }
}

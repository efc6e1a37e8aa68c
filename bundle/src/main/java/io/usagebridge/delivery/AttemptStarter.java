package io.usagebridge.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.fault.FaultPoints;
import io.usagebridge.ledger.DeliveryLedger;

/** Marks the delivery SENDING and opens its attempt, right before the request is written. */
public final class AttemptStarter implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptStarter.class);

    /** When the request of this attempt began, for the upload latency. */
    public static final String SEND_STARTED_NANOS = "UsageBridgeSendStartedNanos";

    private final DeliveryLedger deliveries;
    private final FaultPoints faultPoints;

    public AttemptStarter(DeliveryLedger deliveries, FaultPoints faultPoints) {
        this.deliveries = deliveries;
        this.faultPoints = faultPoints;
    }

    /** Time since the attempt began (zero when unknown). */
    public static java.time.Duration elapsed(Exchange exchange) {
        Long started = exchange.getProperty(SEND_STARTED_NANOS, Long.class);
        return started == null ? java.time.Duration.ZERO : java.time.Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void process(Exchange exchange) {
        long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        int attempt = deliveries.markSending(deliveryId);
        exchange.setProperty(SEND_STARTED_NANOS, System.nanoTime());
        LOG.info("{} -> {} delivery {}: SENDING (attempt {})", exchange.getProperty(ExchangeKeys.SOURCE_NAME),
                exchange.getProperty(ExchangeKeys.TARGET), deliveryId, attempt);
        faultPoints.reach(FaultPoints.BEFORE_SEND, "delivery " + deliveryId + " attempt " + attempt);
    }
}

package io.usagebridge.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.fault.FaultPoints;
import io.usagebridge.ledger.Ledger;
import io.usagebridge.metrics.UsageBridgeMetrics;

/** Records a target's acceptance: the attempt closes, the delivery becomes ACCEPTED with the remote facts. */
public final class DeliveryAcceptor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAcceptor.class);

    private final Ledger ledger;
    private final UsageBridgeMetrics metrics;
    private final FaultPoints faultPoints;

    public DeliveryAcceptor(Ledger ledger, UsageBridgeMetrics metrics, FaultPoints faultPoints) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.faultPoints = faultPoints;
    }

    @Override
    public void process(Exchange exchange) {
        long deliveryId = exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class);
        String remoteId = exchange.getProperty(ExchangeKeys.REMOTE_ID, String.class);
        String status = exchange.getProperty(ExchangeKeys.REMOTE_STATUS, String.class);
        String response = exchange.getProperty(ExchangeKeys.REMOTE_RESPONSE, String.class);
        Integer http = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        faultPoints.reach(FaultPoints.AFTER_REPLY, "delivery " + deliveryId + " accepted by the target");
        ledger.attempts().closeAttempt(deliveryId, "ACCEPTED", http, null, response);
        ledger.deliveries().markAccepted(deliveryId, remoteId, status, response);
        String target = exchange.getProperty(ExchangeKeys.TARGET, String.class);
        metrics.delivered(target);
        metrics.uploadTook(target, AttemptStarter.elapsed(exchange));
        LOG.info("{} -> {} delivery {}: ACCEPTED{}", exchange.getProperty(ExchangeKeys.SOURCE_NAME),
                exchange.getProperty(ExchangeKeys.TARGET), deliveryId, remoteId == null ? "" : " remote id " + remoteId);
    }
}

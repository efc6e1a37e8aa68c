package io.usagebridge.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.ledger.DeliveryLedger;

/**
 * Records what the target is shown for a delivery (an Import's Name) before it is sent: should the answer be lost,
 * a lookup finds the request by it.
 */
public final class SentNameRecorder implements Processor {

    private final DeliveryLedger deliveries;

    public SentNameRecorder(DeliveryLedger deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getProperty(ExchangeKeys.SENT_NAME, String.class);
        if (name != null) {
            deliveries.recordSentName(exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class), name);
        }
    }
}

package io.usagebridge.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ExchangeKeys;
import io.usagebridge.ledger.Ledger;

/**
 * Records what the target is shown for a delivery (an Import's Name) before it is sent: should the answer be lost,
 * a lookup finds the request by it.
 */
public final class SentNameRecorder implements Processor {

    private final Ledger ledger;

    public SentNameRecorder(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getProperty(ExchangeKeys.SENT_NAME, String.class);
        if (name != null) {
            ledger.deliveries().recordSentName(exchange.getProperty(ExchangeKeys.DELIVERY_ID, Long.class), name);
        }
    }
}

package io.usagebridge.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ledger.DeliveryLedger;

/** The body becomes the parked retries whose time has come, each taken under this instance's lease. */
public final class DueRetryLoader implements Processor {

    private final DeliveryLedger deliveries;
    private final int batch;

    public DueRetryLoader(DeliveryLedger deliveries, int batch) {
        this.deliveries = deliveries;
        this.batch = batch;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(deliveries.takeDueRetries(batch));
    }
}

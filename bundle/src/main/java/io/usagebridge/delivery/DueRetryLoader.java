package io.usagebridge.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.usagebridge.ledger.Ledger;

/** The body becomes the parked retries whose time has come, each taken under this instance's lease. */
public final class DueRetryLoader implements Processor {

    private final Ledger ledger;
    private final int batch;

    public DueRetryLoader(Ledger ledger, int batch) {
        this.ledger = ledger;
        this.batch = batch;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(ledger.deliveries().takeDueRetries(batch));
    }
}
